//! Conv1D backward passes: the gradients with respect to the input, the kernel and the bias.
//!
//! The convolution here is the linear one (kernel and bias); a fused activation's derivative
//! is applied to the output gradient first, by [`activation_backward`](crate::activation::backward).
//!
//! ```
//! use shaped::kernels::{Activation, Conv1dGeometry, Conv1dSpec, Conv1dWeights, Layout};
//! let spec = Conv1dSpec { in_channels: 1, filters: 1, kernel_size: 2, stride: 1, dilation: 1,
//!                         groups: 1, activation: Activation::Linear };
//! let w = Conv1dWeights::from_keras(spec, &[1.0f64, 2.0], Some(&[0.0])).unwrap();
//! let geo = Conv1dGeometry { batch: 1, length: 3, pad_left: 0, pad_right: 0, layout: Layout::ChannelsLast };
//! // y[t] = x[t] + 2 x[t + 1]; the output gradient is [1, 10].
//! let dy = [1.0, 10.0];
//! let mut dx = [0.0; 3];
//! w.backward_input(&geo, &dy, &mut dx).unwrap();
//! assert_eq!(dx, [1.0, 12.0, 20.0]);
//! let (mut dk, mut db) = ([0.0; 2], [0.0]);
//! w.backward_weights(&geo, &[1.0, 2.0, 3.0], &dy, &mut dk, Some(&mut db)).unwrap();
//! assert_eq!(dk, [21.0, 32.0]);
//! assert_eq!(db, [11.0]);
//! ```
//!
//! # Kernels
//!
//! - **Input gradient** (`input`): a transposed convolution as a register-blocked kernel of its
//!   own: `MR` input positions one stride apart (a residue class, so they share their taps) ×
//!   `NV` vectors of the group's channels in registers, the reduction over (tap, filter)
//!   broadcasting `dy` and loading the kernel packed `(tap reversed, filter, channels)`. The
//!   packing is built by the first backward call and kept in the weights.
//! - **Kernel gradient** (`weights`): `MR` rows of the kernel gradient (tap × channel) × `NV`
//!   vectors of filters in registers while time streams through, time cut into L2-sized
//!   blocks; tasks are fixed runs of kernel rows. The **bias gradient** is a column sum.
//!   With fewer than half a vector of channels per group (a first layer on a 1-channel
//!   signal) it is instead dot products along the filters, `MR` positions at a time.
//! - **Depthwise** (`groups == in_channels == filters`): both gradients with channels in lanes.
//!   A depthwise layer with a channel multiplier runs the grouped kernels (correct, but with
//!   one channel (input gradient) or `multiplier` filters (kernel gradient) per vector).
//! - Channels-first data is transposed into scratch, as for the forward pass.
//!
//! Every gradient element is summed in an order fixed by the shape: the results do not depend
//! on the thread count. Positions that read padding are skipped, not multiplied by zero, so a
//! NaN or infinity in `dy` reaches exactly the gradients the reference loops give it.

pub(crate) mod activation;
pub(crate) mod input;
pub(crate) mod kernels;
pub(crate) mod weights;

use crate::dims::Dims;
use crate::threads::{for_each_sample, for_each_task};
use crate::{layout, Conv1dGeometry, Conv1dScratch, Conv1dSpec, Conv1dWeights, KernelError, Layout, Scalar};

/// Where element `(sample, step, channel)` of a `(batch, len, channels)` tensor lies in `layout`.
#[inline(always)]
fn at(layout: Layout, len: usize, channels: usize, n: usize, t: usize, c: usize) -> usize {
    match layout {
        Layout::ChannelsLast => (n * len + t) * channels + c,
        Layout::ChannelsFirst => (n * channels + c) * len + t,
    }
}

/// Whether a spec takes the depthwise kernels (one input channel and one filter per group).
pub(crate) fn is_depthwise(spec: &Conv1dSpec) -> bool {
    spec.groups == spec.in_channels && spec.filters == spec.in_channels
}

impl<T: Scalar> Conv1dWeights<T> {
    /// The gradient with respect to the input: `dx` (shaped like the input in `geo.layout`) is
    /// overwritten with `dL/dx` given `dy = dL/dy` of the linear convolution (shaped like the
    /// output). Fails, touching nothing, when a slice length does not match `geo`.
    ///
    /// Channels-last calls allocate nothing after the first one, which packs the kernel for the
    /// input-gradient kernel ([`update`](Self::update) repacks it in place). Channels-first calls
    /// transpose through the scratch held in the weights, as [`forward`](Self::forward) does;
    /// [`backward_input_into`](Self::backward_input_into) takes the caller's.
    pub fn backward_input(&self, geo: &Conv1dGeometry, dy: &[T], dx: &mut [T]) -> Result<(), KernelError> {
        if geo.layout == Layout::ChannelsLast {
            return self.backward_input_into(geo, dy, dx, &mut Conv1dScratch::new());
        }
        self.with_scratch(|s| self.backward_input_into(geo, dy, dx, s))
    }

    /// [`backward_input`](Self::backward_input) with caller-held scratch (only channels-first
    /// calls use it): never allocates once `scratch` has grown to the geometry's size.
    pub fn backward_input_into(
        &self,
        geo: &Conv1dGeometry,
        dy: &[T],
        dx: &mut [T],
        scratch: &mut Conv1dScratch<T>,
    ) -> Result<(), KernelError> {
        let spec = *self.spec();
        check_len("output gradient", geo.output_len(&spec), dy.len())?;
        check_len("input gradient", geo.input_len(&spec), dx.len())?;
        if dx.is_empty() {
            return Ok(());
        }
        let d = Dims::new(&spec, geo);
        let pool = self.parallelism().use_pool(geo.flops(&spec), geo.batch * d.len.div_ceil(64));
        match geo.layout {
            Layout::ChannelsLast => self.input_cl(&d, dy, dx, pool),
            Layout::ChannelsFirst => {
                let (dxc, dyc) = scratch.buffers(dx.len(), dy.len());
                let (cin, len, f, lout) = (d.cin, d.len, d.f, d.lout);
                for_each_sample(dyc, dy, f * lout, f * lout, pool, |o, i| layout::transpose(i, o, f, lout));
                self.input_cl(&d, dyc, dxc, pool);
                for_each_sample(dx, dxc, len * cin, len * cin, pool, |o, i| {
                    layout::transpose(i, o, len, cin)
                });
            }
        }
        Ok(())
    }

    /// The input gradient on channels-last data.
    fn input_cl(&self, d: &Dims, dy: &[T], dx: &mut [T], pool: bool) {
        if d.lout == 0 {
            dx.iter_mut().for_each(|v| *v = T::zero());
            return;
        }
        let isa = self.isa();
        if is_depthwise(self.spec()) {
            let w = self.keras_kernel();
            let rows = input::DEPTHWISE_ROWS;
            for_each_task(dx, d.len * d.cin, rows * d.cin, pool, |n, c, dx| {
                T::kernels()
                    .input_depthwise(isa, input::DepthwiseTask { dims: d, w, dy, n, dx, p0: c * rows });
            });
        } else if input::use_dot(d, crate::pack::lanes::<T>(isa)) {
            let w = self.keras_kernel();
            let rows = 64 * d.s;
            for_each_task(dx, d.len * d.cin, rows * d.cin, pool, |n, c, dx| {
                T::kernels().input_dot(isa, input::DotTask { dims: d, w, dy, n, dx, p0: c * rows });
            });
        } else {
            let pack = self.input_pack();
            let rows = input::rows_per_task(d, pack);
            for_each_task(dx, d.len * d.cin, rows * d.cin, pool, |n, c, dx| {
                T::kernels().input(isa, input::InputTask { dims: d, pack, dy, n, dx, p0: c * rows });
            });
        }
    }

    /// The gradients with respect to the weights: `dkernel` (Keras layout `(kernel_size,
    /// in_channels/groups, filters)`) is overwritten with `dL/dkernel`, and `dbias` (if given)
    /// with `dL/dbias`, from the forward input `x` and `dy = dL/dy` of the linear convolution.
    ///
    /// Channels-last calls allocate nothing; channels-first calls transpose through the
    /// scratch held in the weights ([`backward_weights_into`](Self::backward_weights_into)
    /// takes the caller's).
    pub fn backward_weights(
        &self,
        geo: &Conv1dGeometry,
        x: &[T],
        dy: &[T],
        dkernel: &mut [T],
        dbias: Option<&mut [T]>,
    ) -> Result<(), KernelError> {
        if geo.layout == Layout::ChannelsLast {
            return self.backward_weights_into(geo, x, dy, dkernel, dbias, &mut Conv1dScratch::new());
        }
        self.with_scratch(|s| self.backward_weights_into(geo, x, dy, dkernel, dbias, s))
    }

    /// [`backward_weights`](Self::backward_weights) with caller-held scratch (only
    /// channels-first calls use it): never allocates once `scratch` has grown to the
    /// geometry's size.
    pub fn backward_weights_into(
        &self,
        geo: &Conv1dGeometry,
        x: &[T],
        dy: &[T],
        dkernel: &mut [T],
        dbias: Option<&mut [T]>,
        scratch: &mut Conv1dScratch<T>,
    ) -> Result<(), KernelError> {
        let spec = *self.spec();
        check_len("input", geo.input_len(&spec), x.len())?;
        check_len("output gradient", geo.output_len(&spec), dy.len())?;
        check_len("kernel gradient", spec.kernel_len(), dkernel.len())?;
        if let Some(db) = dbias.as_deref() {
            check_len("bias gradient", spec.filters, db.len())?;
        }
        let d = Dims::new(&spec, geo);
        let pool = self.parallelism().use_pool(geo.flops(&spec), 8);
        match geo.layout {
            Layout::ChannelsLast => self.weights_cl(&d, geo.batch, x, dy, dkernel, dbias, pool),
            Layout::ChannelsFirst => {
                let (xc, dyc) = scratch.buffers(x.len(), dy.len());
                let (cin, len, f, lout) = (d.cin, d.len, d.f, d.lout);
                for_each_sample(xc, x, len * cin, len * cin, pool, |o, i| layout::transpose(i, o, cin, len));
                for_each_sample(dyc, dy, f * lout, f * lout, pool, |o, i| layout::transpose(i, o, f, lout));
                self.weights_cl(&d, geo.batch, xc, dyc, dkernel, dbias, pool);
            }
        }
        Ok(())
    }

    /// The weight gradients on channels-last data.
    #[allow(clippy::too_many_arguments)]
    fn weights_cl(
        &self,
        d: &Dims,
        batch: usize,
        x: &[T],
        dy: &[T],
        dk: &mut [T],
        db: Option<&mut [T]>,
        pool: bool,
    ) {
        let isa = self.isa();
        let rows = batch * d.lout;
        if rows == 0 {
            dk.iter_mut().for_each(|v| *v = T::zero());
            if let Some(db) = db {
                db.iter_mut().for_each(|v| *v = T::zero());
            }
            return;
        }
        if is_depthwise(self.spec()) {
            weights::depthwise_all(isa, d, batch, x, dy, dk, db, pool);
            return;
        }
        let tile = weights::tile_for::<T>(isa, d);
        let chunk = weights::rows_per_task(d, tile);
        for_each_task(dk, d.k * d.cig * d.f, chunk * d.f, pool, |_, c, dk| {
            T::kernels().weights(
                isa,
                tile,
                weights::WeightsTask { dims: d, x, dy, batch, dk, r0: c * chunk },
            );
        });
        if let Some(db) = db {
            T::kernels().bias(isa, dy, rows, db);
        }
    }
}

/// The plain loops of [`Conv1dWeights::backward_input`], in `T`, on a Keras-layout kernel.
pub fn reference_backward_input<T: Scalar>(
    spec: &Conv1dSpec,
    geo: &Conv1dGeometry,
    kernel: &[T],
    dy: &[T],
    dx: &mut [T],
) {
    let (cin, f, k) = (spec.in_channels, spec.filters, spec.kernel_size);
    let (cig, fpg) = (spec.channels_per_group(), spec.filters_per_group());
    let (len, lout) = (geo.length, geo.output_length(spec));
    dx.iter_mut().for_each(|v| *v = T::zero());
    for n in 0..geo.batch {
        for t in 0..lout {
            for tap in 0..k {
                let Some(i) = (t * spec.stride + tap * spec.dilation).checked_sub(geo.pad_left) else {
                    continue;
                };
                if i >= len {
                    continue;
                }
                for o in 0..f {
                    let g = dy[at(geo.layout, lout, f, n, t, o)];
                    let group = o / fpg;
                    for cl in 0..cig {
                        let c = group * cig + cl;
                        let w = kernel[(tap * cig + cl) * f + o];
                        let j = at(geo.layout, len, cin, n, i, c);
                        dx[j] = dx[j] + g * w;
                    }
                }
            }
        }
    }
}

/// The plain loops of [`Conv1dWeights::backward_weights`], in `T`.
pub fn reference_backward_weights<T: Scalar>(
    spec: &Conv1dSpec,
    geo: &Conv1dGeometry,
    x: &[T],
    dy: &[T],
    dkernel: &mut [T],
    dbias: Option<&mut [T]>,
) {
    let (cin, f, k) = (spec.in_channels, spec.filters, spec.kernel_size);
    let (cig, fpg) = (spec.channels_per_group(), spec.filters_per_group());
    let (len, lout) = (geo.length, geo.output_length(spec));
    dkernel.iter_mut().for_each(|v| *v = T::zero());
    for n in 0..geo.batch {
        for t in 0..lout {
            for tap in 0..k {
                let Some(i) = (t * spec.stride + tap * spec.dilation).checked_sub(geo.pad_left) else {
                    continue;
                };
                if i >= len {
                    continue;
                }
                for o in 0..f {
                    let g = dy[at(geo.layout, lout, f, n, t, o)];
                    let group = o / fpg;
                    for cl in 0..cig {
                        let xv = x[at(geo.layout, len, cin, n, i, group * cig + cl)];
                        let j = (tap * cig + cl) * f + o;
                        dkernel[j] = dkernel[j] + xv * g;
                    }
                }
            }
        }
    }
    if let Some(db) = dbias {
        db.iter_mut().for_each(|v| *v = T::zero());
        for n in 0..geo.batch {
            for t in 0..lout {
                for (o, b) in db.iter_mut().enumerate() {
                    *b = *b + dy[at(geo.layout, lout, f, n, t, o)];
                }
            }
        }
    }
}

fn check_len(what: &'static str, expected: usize, actual: usize) -> Result<(), KernelError> {
    if expected == actual {
        Ok(())
    } else {
        Err(KernelError::SliceLength { what, expected, actual })
    }
}
