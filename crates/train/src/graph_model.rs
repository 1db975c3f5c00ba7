//! What `model!` expansions name to train a declared model (hidden from the docs).

use core::any::Any;
use core::marker::PhantomData;

use shaped_layers::Float;
use shaped_shapes::Shape;
use shaped_tensor::Tensor;

use crate::{Backward, TrainContext};

/// The tape of a declared model: each layer's tape and each intermediate output, in order.
///
/// Stored type-erased (the expansion names no intermediate type) and taken back with the
/// type the model's types fix, so a mismatch cannot happen; each entry is one allocation per
/// training step.
#[derive(Default)]
pub struct GraphTape {
    items: Vec<Box<dyn Any>>,
}

impl core::fmt::Debug for GraphTape {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "GraphTape({} entries)", self.items.len())
    }
}

impl GraphTape {
    /// An empty tape.
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps `value` for the backward pass.
    pub fn keep<T: Any>(&mut self, value: T) {
        self.items.push(Box::new(value));
    }

    /// Takes back the last value kept, whose type `_as` names.
    ///
    /// # Panics
    /// If the tape is empty or the value has another type (a bug in the expansion).
    pub fn take_as<T: Any>(&mut self, _as: PhantomData<T>) -> T {
        let item = self.items.pop().unwrap_or_else(|| unreachable!("the tape holds every value kept"));
        *item.downcast::<T>().unwrap_or_else(|_| unreachable!("values come back in the order kept"))
    }
}

/// The tape type of `layer` on inputs of type `X`, as a value the compiler infers.
pub fn tape_of<E: shaped_tensor::Element, L: Backward<E, X>, X>(
    _: &L,
    _: PhantomData<X>,
    _: PhantomData<E>,
) -> PhantomData<L::Tape> {
    PhantomData
}

/// An empty gradient slot of `value`'s type.
pub fn none_like<T>(_: &T) -> Option<T> {
    None
}

/// Adds a gradient into a slot (the gradients of a value used by several layers add up).
pub fn accumulate<E: Float, S: Shape>(
    slot: &mut Option<Tensor<E, S>>,
    g: Tensor<E, S>,
    ctx: &mut TrainContext,
) {
    match slot {
        None => *slot = Some(g),
        Some(acc) => {
            acc.as_mut_slice().iter_mut().zip(g.as_slice()).for_each(|(a, &b)| *a = *a + b);
            ctx.workspace().give(g);
        }
    }
}

/// The gradient of a value every path of the model reaches (`model!` refuses unused layers).
pub fn expect_grad<T>(slot: Option<T>) -> T {
    slot.unwrap_or_else(|| unreachable!("model! checks that every layer reaches the output"))
}
