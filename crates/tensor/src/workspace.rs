//! The buffers a model's forward pass reuses from call to call, held by the caller.
//!
//! Every intermediate tensor of a typed model has a size known from its type and the batch.
//! A [`Workspace`] hands out buffers for them and takes them back when the next layer has read
//! them, so a warmed-up forward pass allocates nothing and touches no fresh pages. Nothing is
//! kept anywhere else: the memory a model keeps between calls is the workspace its user holds,
//! and dropping the workspace frees it.
//!
//! The first pass plans: each request takes the smallest free buffer that is large enough (or a
//! new one), and the choice is recorded. A pass that makes the same requests (the same model on
//! a batch no larger) follows the plan exactly, so after one warm-up call a forward pass makes
//! no allocation at all; a larger batch grows the planned buffers once.
//!
//! ```
//! use shaped::shapes::{shape, Dyn};
//! use shaped::tensor::{Tensor, Workspace};
//! let mut ws = Workspace::new();
//! ws.begin_pass();
//! let t: Tensor<f32, shape![Dyn, 4, 2]> = ws.zeros(3)?;
//! assert_eq!(t.len(), 24);
//! ws.give(t);
//! assert_eq!(ws.bytes(), 24 * 4);
//! # Ok::<(), shaped::tensor::ShapeError>(())
//! ```

use shaped_shapes::Shape;

use crate::{Element, ShapeError, Tensor};

/// Reusable buffers of one element type.
#[derive(Debug, Default)]
pub struct Pool<E> {
    /// Every buffer the pool owns; `None` while lent out.
    slots: Vec<Option<Vec<E>>>,
    /// Capacity (in elements) of each slot, lent out or not.
    capacity: Vec<usize>,
    /// The address of each slot's buffer, to take a lent buffer back into its own slot.
    address: Vec<usize>,
    /// Which slot each request of a pass took, in request order.
    plan: Vec<usize>,
}

impl<E: Element> Pool<E> {
    /// A buffer of exactly `len` elements whose contents are unspecified.
    fn take(&mut self, len: usize, cursor: usize) -> Vec<E> {
        let planned = self.plan.get(cursor).copied().filter(|&s| self.slots[s].is_some());
        let slot = planned.unwrap_or_else(|| self.best_fit(len));
        match self.plan.get_mut(cursor) {
            Some(p) => *p = slot,
            None => self.plan.push(slot),
        }
        let mut buf = self.slots[slot].take().unwrap_or_default();
        if buf.len() < len {
            buf.resize(len, E::zero());
        }
        buf.truncate(len);
        self.capacity[slot] = buf.capacity();
        self.address[slot] = buf.as_ptr() as usize;
        buf
    }

    /// The smallest free slot holding at least `len` elements, else the largest free slot (to
    /// grow), else a new slot.
    fn best_fit(&mut self, len: usize) -> usize {
        let free = || self.slots.iter().enumerate().filter(|(_, s)| s.is_some()).map(|(i, _)| i);
        let fitting = free().filter(|&i| self.capacity[i] >= len).min_by_key(|&i| self.capacity[i]);
        let growable = || free().max_by_key(|&i| self.capacity[i]);
        fitting.or_else(growable).unwrap_or_else(|| {
            self.slots.push(Some(Vec::new()));
            self.capacity.push(0);
            self.address.push(0);
            self.slots.len() - 1
        })
    }

    /// Takes a buffer back: into the slot it was lent from, else (a buffer from elsewhere,
    /// such as the output a caller swapped in) into an empty slot of the same capacity or a new
    /// slot.
    fn give(&mut self, buf: Vec<E>) {
        let (cap, address) = (buf.capacity(), buf.as_ptr() as usize);
        if cap == 0 {
            return;
        }
        let empty = |i: &usize| self.slots[*i].is_none();
        let own = (0..self.slots.len()).filter(empty).find(|&i| self.address[i] == address);
        let same = || (0..self.slots.len()).filter(empty).find(|&i| self.capacity[i] == cap);
        match own.or_else(same) {
            Some(i) => {
                self.slots[i] = Some(buf);
                self.address[i] = address;
            }
            None => {
                self.slots.push(Some(buf));
                self.capacity.push(cap);
                self.address.push(address);
            }
        }
    }

    fn bytes(&self) -> usize {
        self.capacity.iter().sum::<usize>() * core::mem::size_of::<E>()
    }
}

/// Buffers for the intermediate tensors of forward passes, owned by the caller.
///
/// A model's `forward_into(x, &mut out, &mut ws)` takes every intermediate buffer from `ws`
/// and gives it back once read; after one warm-up call it allocates nothing. Hold one
/// workspace per thread that runs a model (a workspace is `Send`, not shared); its size is
/// [`Workspace::bytes`], and dropping it frees everything.
#[derive(Debug, Default)]
pub struct Workspace {
    f32: Pool<f32>,
    f64: Pool<f64>,
    cursor: usize,
}

impl Workspace {
    /// An empty workspace: nothing is allocated until a pass asks for buffers.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts a forward pass: requests are matched against the plan from its first request.
    /// Models call this at the start of their top-level `forward_into`.
    pub fn begin_pass(&mut self) {
        self.cursor = 0;
    }

    /// A tensor of `batch` samples whose elements are unspecified (left from an earlier use):
    /// for outputs that the caller writes in full.
    ///
    /// # Errors
    ///
    /// As [`Tensor::len_for_batch`]: a batch other than a static one, or one too large to
    /// allocate.
    pub fn tensor<E: Element, S: Shape>(&mut self, batch: usize) -> Result<Tensor<E, S>, ShapeError> {
        let len = Tensor::<E, S>::len_for_batch(batch)?;
        let cursor = self.cursor;
        self.cursor += 1;
        let buf = E::pool(self).take(len, cursor);
        Ok(Tensor::from_parts(buf, batch))
    }

    /// A tensor of `batch` zeros.
    ///
    /// # Errors
    ///
    /// As [`Workspace::tensor`].
    pub fn zeros<E: Element, S: Shape>(&mut self, batch: usize) -> Result<Tensor<E, S>, ShapeError> {
        let mut t = self.tensor::<E, S>(batch)?;
        t.as_mut_slice().fill(E::zero());
        Ok(t)
    }

    /// A tensor with the same batch as `like` (whose batch dimension is the same type), with
    /// unspecified elements: infallible, for layer outputs that are written in full.
    pub fn tensor_like<E: Element, S: Shape, S2: Shape<Batch = S::Batch>>(
        &mut self,
        like: &Tensor<E, S2>,
    ) -> Tensor<E, S> {
        self.tensor(like.batch()).unwrap_or_else(|e| unreachable_size(&e))
    }

    /// A tensor of zeros with the same batch as `like`.
    pub fn zeros_like<E: Element, S: Shape, S2: Shape<Batch = S::Batch>>(
        &mut self,
        like: &Tensor<E, S2>,
    ) -> Tensor<E, S> {
        self.zeros(like.batch()).unwrap_or_else(|e| unreachable_size(&e))
    }

    /// A copy of `x` in a workspace buffer.
    pub fn copy_of<E: Element, S: Shape>(&mut self, x: &Tensor<E, S>) -> Tensor<E, S> {
        let mut t = self.tensor_like(x);
        t.as_mut_slice().copy_from_slice(x.as_slice());
        t
    }

    /// A plain buffer of `len` elements with unspecified contents, planned like a tensor: for
    /// a layer's scratch (the transposes of a channels-first Conv1D). Give it back with
    /// [`Workspace::give_buffer`].
    pub fn buffer<E: Element>(&mut self, len: usize) -> Vec<E> {
        let cursor = self.cursor;
        self.cursor += 1;
        E::pool(self).take(len, cursor)
    }

    /// Takes a buffer from [`Workspace::buffer`] back for reuse.
    pub fn give_buffer<E: Element>(&mut self, v: Vec<E>) {
        self.give_vec(v);
    }

    /// Takes the buffers of tensors (a tensor, or a tuple of them) back for reuse.
    pub fn give<T: Buffers>(&mut self, t: T) {
        t.give_to(self);
    }

    /// Bytes the workspace holds (lent out or not).
    #[must_use]
    pub fn bytes(&self) -> usize {
        self.f32.bytes() + self.f64.bytes()
    }

    pub(crate) fn give_vec<E: Element>(&mut self, v: Vec<E>) {
        E::pool(self).give(v);
    }

    pub(crate) fn f32_pool(&mut self) -> &mut Pool<f32> {
        &mut self.f32
    }

    pub(crate) fn f64_pool(&mut self) -> &mut Pool<f64> {
        &mut self.f64
    }
}

/// A layer's output batch equals its input's, whose size was checked when it entered: a size
/// error here is a bug.
fn unreachable_size(e: &ShapeError) -> ! {
    unreachable!("a layer output has the size of a tensor that already exists: {e}")
}

/// Tensors whose buffers can go back to a [`Workspace`]: a tensor, or a tuple of them.
pub trait Buffers {
    /// Gives every buffer to the workspace.
    fn give_to(self, ws: &mut Workspace);
}

impl<E: Element, S: Shape> Buffers for Tensor<E, S> {
    fn give_to(self, ws: &mut Workspace) {
        ws.give_vec(self.into_vec());
    }
}

impl Buffers for () {
    fn give_to(self, _: &mut Workspace) {}
}

macro_rules! tuple_buffers {
    ($($T:ident $t:ident),+) => {
        impl<$($T: Buffers),+> Buffers for ($($T,)+) {
            fn give_to(self, ws: &mut Workspace) {
                let ($($t,)+) = self;
                $($t.give_to(ws);)+
            }
        }
    };
}

tuple_buffers!(A a);
tuple_buffers!(A a, B b);
tuple_buffers!(A a, B b, C c);
tuple_buffers!(A a, B b, C c, D d);
tuple_buffers!(A a, B b, C c, D d, F f);
tuple_buffers!(A a, B b, C c, D d, F f, G g);
tuple_buffers!(A a, B b, C c, D d, F f, G g, H h);
tuple_buffers!(A a, B b, C c, D d, F f, G g, H h, I i);
tuple_buffers!(A a, B b, C c, D d, F f, G g, H h, I i, J j);
tuple_buffers!(A a, B b, C c, D d, F f, G g, H h, I i, J j, K k);
tuple_buffers!(A a, B b, C c, D d, F f, G g, H h, I i, J j, K k, L l);
tuple_buffers!(A a, B b, C c, D d, F f, G g, H h, I i, J j, K k, L l, M m);

#[cfg(test)]
mod tests {
    use super::*;
    use shaped_shapes::{shape, Dyn};

    type T = Tensor<f32, shape![Dyn, 100, 10]>;

    fn pass(ws: &mut Workspace, batch: usize) -> Vec<*const f32> {
        ws.begin_pass();
        let a: T = ws.tensor(batch).unwrap();
        let b: T = ws.tensor(batch).unwrap();
        let pa = a.as_slice().as_ptr();
        ws.give(a);
        let c: Tensor<f32, shape![Dyn, 50, 10]> = ws.tensor(batch).unwrap();
        let pc = c.as_slice().as_ptr();
        ws.give((b, c));
        vec![pa, pc]
    }

    #[test]
    fn a_second_pass_follows_the_plan_of_the_first() {
        let mut ws = Workspace::new();
        let first = pass(&mut ws, 4);
        let bytes = ws.bytes();
        assert_eq!(first[0], first[1], "a freed buffer is reused within the pass");
        for _ in 0..3 {
            assert_eq!(pass(&mut ws, 4), first);
            assert_eq!(ws.bytes(), bytes, "nothing new is allocated");
        }
        // A smaller batch still fits the planned buffers.
        assert_eq!(pass(&mut ws, 2), first);
        assert_eq!(ws.bytes(), bytes);
    }

    #[test]
    fn a_larger_batch_grows_the_plan_once() {
        let mut ws = Workspace::new();
        pass(&mut ws, 2);
        pass(&mut ws, 8);
        let bytes = ws.bytes();
        assert!(bytes >= 2 * 8 * 100 * 10 * 4);
        pass(&mut ws, 8);
        assert_eq!(ws.bytes(), bytes);
    }

    #[test]
    fn a_batch_whose_size_overflows_is_an_error() {
        let mut ws = Workspace::new();
        let err = ws.tensor::<f32, shape![Dyn, 100, 10]>(usize::MAX / 8).unwrap_err();
        assert!(err.to_string().contains("too large"), "{err}");
        assert_eq!(ws.bytes(), 0);
    }

    #[test]
    fn zeros_are_zero_even_in_a_reused_buffer() {
        let mut ws = Workspace::new();
        let mut t: T = ws.tensor(1).unwrap();
        t.as_mut_slice().fill(3.0);
        ws.give(t);
        let z: T = ws.zeros(1).unwrap();
        assert!(z.as_slice().iter().all(|&v| v == 0.0));
    }
}
