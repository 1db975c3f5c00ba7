//! The merges: each input's gradient from the output's, input by input.

use shaped_layers::merge::{Add, Average, Concatenate, Maximum, MergeInput, Minimum, Multiply, Subtract};
use shaped_layers::{Float, Layer};
use shaped_shapes::merge_rules::ConcatShapes;
use shaped_shapes::Shape;
use shaped_tensor::Tensor;

use crate::trainable::no_parameters;
use crate::{Backward, TrainContext};

no_parameters! {
    impl<> for Add;
    impl<> for Subtract;
    impl<> for Multiply;
    impl<> for Average;
    impl<> for Maximum;
    impl<> for Minimum;
    impl<Axis> for Concatenate<Axis>;
}

/// A gradient shaped like input `t`, with the values of `src` (same element count).
fn like<E: Float, S: Shape, T: MergeInput<E = E, Shape = S>>(
    t: &T,
    src: &[E],
    ctx: &mut TrainContext,
) -> Tensor<E, S> {
    let mut g: Tensor<E, S> = ctx.workspace().tensor_like(t.tensor());
    g.as_mut_slice().copy_from_slice(src);
    g
}

/// How each elementwise merge sends the output gradient back to input `i` of `inputs`.
trait Route {
    /// Writes the gradient of input `i` into `g` (which holds `dy` on entry).
    fn route<E: Float>(i: usize, inputs: &[&[E]], g: &mut [E]);
}

impl Route for Add {
    fn route<E: Float>(_: usize, _: &[&[E]], _: &mut [E]) {}
}

impl Route for Subtract {
    fn route<E: Float>(i: usize, _: &[&[E]], g: &mut [E]) {
        if i == 1 {
            g.iter_mut().for_each(|v| *v = -*v);
        }
    }
}

impl Route for Average {
    fn route<E: Float>(_: usize, inputs: &[&[E]], g: &mut [E]) {
        let n = E::from(inputs.len()).unwrap_or_else(E::nan);
        g.iter_mut().for_each(|v| *v = *v / n);
    }
}

impl Route for Multiply {
    fn route<E: Float>(i: usize, inputs: &[&[E]], g: &mut [E]) {
        for (j, x) in inputs.iter().enumerate() {
            if j != i {
                g.iter_mut().zip(x.iter()).for_each(|(v, &x)| *v = *v * x);
            }
        }
    }
}

/// The input that gave each element of a fold of `max` (or `min`): TensorFlow's rule, the
/// running value keeps the gradient where it is `>=` (`<=`) the next input, so ties go to the
/// earliest input.
fn winner<E: Float>(inputs: &[&[E]], k: usize, keeps: impl Fn(E, E) -> bool) -> usize {
    let (mut acc, mut w) = (inputs[0][k], 0);
    for (j, x) in inputs.iter().enumerate().skip(1) {
        if !keeps(acc, x[k]) {
            acc = x[k];
            w = j;
        }
    }
    w
}

impl Route for Maximum {
    fn route<E: Float>(i: usize, inputs: &[&[E]], g: &mut [E]) {
        for (k, v) in g.iter_mut().enumerate() {
            if winner(inputs, k, |a, b| a >= b) != i {
                *v = E::zero();
            }
        }
    }
}

impl Route for Minimum {
    fn route<E: Float>(i: usize, inputs: &[&[E]], g: &mut [E]) {
        for (k, v) in g.iter_mut().enumerate() {
            if winner(inputs, k, |a, b| a <= b) != i {
                *v = E::zero();
            }
        }
    }
}

macro_rules! elementwise_backward {
    ($name:ident; $($T:ident $t:ident $g:ident),+) => {
        impl<E: Float, S0: Shape, $($T),+> Backward<E, ($($T,)+)> for $name
        where
            Self: Layer<($($T,)+), Output = Tensor<E, S0>>,
            $($T: MergeInput<E = E>,)+
        {
            type Tape = ();
            type InputGrad = ($(Tensor<E, $T::Shape>,)+);

            fn forward_train(&mut self, x: &($($T,)+), ctx: &mut TrainContext) -> (Self::Output, ()) {
                (self.forward_with(x, ctx.workspace()), ())
            }

            fn backward(
                &self,
                x: &($($T,)+),
                _y: &Self::Output,
                _tape: (),
                dy: Self::Output,
                grads: &mut [E],
                ctx: &mut TrainContext,
            ) -> Self::InputGrad {
                crate::backward::check_grads(stringify!($name), 0, grads.len());
                let ($($t,)+) = x;
                let inputs = [$($t.tensor().as_slice()),+];
                let mut i = 0;
                $(
                    let mut $g = like($t, dy.as_slice(), ctx);
                    <$name as Route>::route(i, &inputs, $g.as_mut_slice());
                    i += 1;
                )+
                let _ = i;
                ctx.workspace().give(dy);
                ($($g,)+)
            }
        }
    };
}

macro_rules! elementwise_backward_arities {
    ($name:ident) => {
        elementwise_backward!($name; T0 t0 g0, T1 t1 g1);
        elementwise_backward!($name; T0 t0 g0, T1 t1 g1, T2 t2 g2);
        elementwise_backward!($name; T0 t0 g0, T1 t1 g1, T2 t2 g2, T3 t3 g3);
        elementwise_backward!($name; T0 t0 g0, T1 t1 g1, T2 t2 g2, T3 t3 g3, T4 t4 g4);
        elementwise_backward!($name; T0 t0 g0, T1 t1 g1, T2 t2 g2, T3 t3 g3, T4 t4 g4, T5 t5 g5);
        elementwise_backward!($name; T0 t0 g0, T1 t1 g1, T2 t2 g2, T3 t3 g3, T4 t4 g4, T5 t5 g5, T6 t6 g6);
        elementwise_backward!($name; T0 t0 g0, T1 t1 g1, T2 t2 g2, T3 t3 g3, T4 t4 g4, T5 t5 g5, T6 t6 g6, T7 t7 g7);
    };
}

elementwise_backward_arities!(Add);
elementwise_backward_arities!(Multiply);
elementwise_backward_arities!(Average);
elementwise_backward_arities!(Maximum);
elementwise_backward_arities!(Minimum);
elementwise_backward!(Subtract; T0 t0 g0, T1 t1 g1);

macro_rules! concatenate_backward {
    ($($T:ident $t:ident $g:ident),+) => {
        impl<E: Float, Axis, YS, $($T),+> Backward<E, ($($T,)+)> for Concatenate<Axis>
        where
            Self: Layer<($($T,)+), Output = Tensor<E, YS>>,
            $($T: MergeInput<E = E>,)+
            ($($T::Shape,)+): ConcatShapes<Axis>,
            YS: Shape,
        {
            type Tape = ();
            type InputGrad = ($(Tensor<E, $T::Shape>,)+);

            fn forward_train(&mut self, x: &($($T,)+), ctx: &mut TrainContext) -> (Self::Output, ()) {
                (self.forward_with(x, ctx.workspace()), ())
            }

            fn backward(
                &self,
                x: &($($T,)+),
                _y: &Self::Output,
                _tape: (),
                dy: Self::Output,
                grads: &mut [E],
                ctx: &mut TrainContext,
            ) -> Self::InputGrad {
                crate::backward::check_grads("Concatenate", 0, grads.len());
                let ($($t,)+) = x;
                let blocks = <($($T::Shape,)+) as ConcatShapes<Axis>>::BLOCKS;
                let row: usize = blocks.iter().sum();
                let mut offset = 0;
                let mut i = 0;
                $(
                    let mut $g: Tensor<E, $T::Shape> = ctx.workspace().tensor_like($t.tensor());
                    let block = blocks[i];
                    if block > 0 && row > 0 {
                        for (dst, src) in $g.as_mut_slice().chunks_exact_mut(block).zip(dy.as_slice().chunks_exact(row)) {
                            dst.copy_from_slice(&src[offset..offset + block]);
                        }
                    }
                    offset += block;
                    i += 1;
                )+
                let _ = (i, offset);
                ctx.workspace().give(dy);
                ($($g,)+)
            }
        }
    };
}

concatenate_backward!(T0 t0 g0, T1 t1 g1);
concatenate_backward!(T0 t0 g0, T1 t1 g1, T2 t2 g2);
concatenate_backward!(T0 t0 g0, T1 t1 g1, T2 t2 g2, T3 t3 g3);
concatenate_backward!(T0 t0 g0, T1 t1 g1, T2 t2 g2, T3 t3 g3, T4 t4 g4);
concatenate_backward!(T0 t0 g0, T1 t1 g1, T2 t2 g2, T3 t3 g3, T4 t4 g4, T5 t5 g5);
concatenate_backward!(T0 t0 g0, T1 t1 g1, T2 t2 g2, T3 t3 g3, T4 t4 g4, T5 t5 g5, T6 t6 g6);
concatenate_backward!(T0 t0 g0, T1 t1 g1, T2 t2 g2, T3 t3 g3, T4 t4 g4, T5 t5 g5, T6 t6 g6, T7 t7 g7);
