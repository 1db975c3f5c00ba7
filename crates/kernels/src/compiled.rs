//! The kernels compiled once, here, for each element type.
//!
//! The kernel bodies are generic over the element type, and a generic function is compiled in
//! the crate that names its type arguments. Called directly, every crate running a convolution
//! in `f32` (each layer crate, test, example and user binary) would compile every instruction
//! set's kernels again. Instead, each element type's [`Sealed::kernels`](crate::scalar::sealed::Sealed::kernels)
//! returns a table of this crate's own instantiations, and the callers go through it: other
//! crates only load a function pointer.

use crate::backward::input::{DepthwiseTask as DxDepthwiseTask, DotTask, InputTask};
use crate::backward::weights::{DwWeightsTask, WeightsTask};
use crate::depthwise::DepthwiseTask;
use crate::gemm::GemmTask;
use crate::pack::Tile;
use crate::{Activation, Isa, Scalar};

/// One element type's compiled kernels: each entry is the generic dispatcher of the same name
/// (see its documentation), instantiated in this crate.
#[derive(Debug)]
pub struct Kernels<T: 'static> {
    gemm: fn(Isa, GemmTask<'_, T>),
    depthwise: fn(Isa, DepthwiseTask<'_, T>),
    activation: fn(Isa, Activation, &mut [T], usize),
    backward_activation: fn(Isa, Activation, &[T], &[T], &mut [T]),
    input: fn(Isa, InputTask<'_, T>),
    input_dot: fn(Isa, DotTask<'_, T>),
    input_depthwise: fn(Isa, DxDepthwiseTask<'_, T>),
    weights: fn(Isa, Tile, WeightsTask<'_, T>),
    weights_depthwise: unsafe fn(Isa, DwWeightsTask<'_, T>),
    bias: fn(Isa, &[T], usize, &mut [T]),
}

impl<T: Scalar> Kernels<T> {
    /// The table of `T`'s instantiations (only [`Sealed::kernels`](crate::scalar::sealed::Sealed::kernels) builds one, in a static).
    pub(crate) const fn new() -> Self {
        Kernels {
            gemm: crate::dispatch::gemm::<T>,
            depthwise: crate::dispatch::depthwise::<T>,
            activation: crate::simd::activation::apply::<T>,
            backward_activation: crate::backward::kernels::activation::<T>,
            input: crate::backward::kernels::input::<T>,
            input_dot: crate::backward::kernels::input_dot::<T>,
            input_depthwise: crate::backward::kernels::input_depthwise::<T>,
            weights: crate::backward::kernels::weights::<T>,
            weights_depthwise: crate::backward::kernels::weights_depthwise::<T>,
            bias: crate::backward::kernels::bias::<T>,
        }
    }

    /// [`crate::dispatch::gemm`].
    pub(crate) fn gemm(&self, isa: Isa, task: GemmTask<'_, T>) {
        (self.gemm)(isa, task);
    }

    /// [`crate::dispatch::depthwise`].
    pub(crate) fn depthwise(&self, isa: Isa, task: DepthwiseTask<'_, T>) {
        (self.depthwise)(isa, task);
    }

    /// [`crate::simd::activation::apply`].
    pub(crate) fn activation(&self, isa: Isa, act: Activation, data: &mut [T], row_len: usize) {
        (self.activation)(isa, act, data, row_len);
    }

    /// [`crate::backward::kernels::activation`].
    pub(crate) fn backward_activation(&self, isa: Isa, act: Activation, x: &[T], y: &[T], g: &mut [T]) {
        (self.backward_activation)(isa, act, x, y, g);
    }

    /// [`crate::backward::kernels::input`].
    pub(crate) fn input(&self, isa: Isa, task: InputTask<'_, T>) {
        (self.input)(isa, task);
    }

    /// [`crate::backward::kernels::input_dot`].
    pub(crate) fn input_dot(&self, isa: Isa, task: DotTask<'_, T>) {
        (self.input_dot)(isa, task);
    }

    /// [`crate::backward::kernels::input_depthwise`].
    pub(crate) fn input_depthwise(&self, isa: Isa, task: DxDepthwiseTask<'_, T>) {
        (self.input_depthwise)(isa, task);
    }

    /// [`crate::backward::kernels::weights`].
    pub(crate) fn weights(&self, isa: Isa, tile: Tile, task: WeightsTask<'_, T>) {
        (self.weights)(isa, tile, task);
    }

    /// [`crate::backward::kernels::weights_depthwise`].
    ///
    /// # Safety
    /// The contract of [`crate::backward::weights::depthwise`].
    pub(crate) unsafe fn weights_depthwise(&self, isa: Isa, task: DwWeightsTask<'_, T>) {
        // SAFETY: forwarded contract.
        unsafe { (self.weights_depthwise)(isa, task) };
    }

    /// [`crate::backward::kernels::bias`].
    pub(crate) fn bias(&self, isa: Isa, dy: &[T], rows: usize, db: &mut [T]) {
        (self.bias)(isa, dy, rows, db);
    }
}

/// The `f32` kernels.
pub(crate) static F32: Kernels<f32> = Kernels::new();
/// The `f64` kernels.
pub(crate) static F64: Kernels<f64> = Kernels::new();
