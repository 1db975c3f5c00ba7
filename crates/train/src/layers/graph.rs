//! The graph combinators: Identity, Fork and Residual.

use shaped_layers::graph::{Fork, Identity, Residual};
use shaped_layers::{Float, Layer};
use shaped_shapes::Shape;
use shaped_tensor::Tensor;

use crate::trainable::no_parameters;
use crate::{Backward, TrainContext, Trainable};

no_parameters! {
    impl<> for Identity;
}

/// Adds `g` into `acc` (gradients of one value reached by several paths) and gives `g`'s
/// buffer back.
pub(crate) fn add_into<E: Float, S: Shape, S2: Shape>(
    acc: &mut Tensor<E, S>,
    g: Tensor<E, S2>,
    ctx: &mut TrainContext,
) {
    acc.as_mut_slice().iter_mut().zip(g.as_slice()).for_each(|(a, &b)| *a = *a + b);
    ctx.workspace().give(g);
}

impl<E: Float, S: Shape> Backward<E, Tensor<E, S>> for Identity {
    type Tape = ();
    type InputGrad = Tensor<E, S>;
    fn forward_train(&mut self, x: &Tensor<E, S>, ctx: &mut TrainContext) -> (Tensor<E, S>, ()) {
        (self.forward_with(x, ctx.workspace()), ())
    }
    fn backward(
        &self,
        _x: &Tensor<E, S>,
        _y: &Tensor<E, S>,
        _tape: (),
        dy: Tensor<E, S>,
        grads: &mut [E],
        _ctx: &mut TrainContext,
    ) -> Tensor<E, S> {
        crate::backward::check_grads("Identity", 0, grads.len());
        dy
    }
}

impl<Branch: Trainable<E>, Shortcut: Trainable<E>, E> Trainable<E> for Residual<Branch, Shortcut> {
    fn trainable_len(&self) -> usize {
        self.branch().trainable_len() + self.shortcut().trainable_len()
    }
    fn visit_trainable(&self, f: &mut dyn FnMut(&str, &[E])) {
        self.branch().visit_trainable(f);
        self.shortcut().visit_trainable(f);
    }
    fn update_trainable(&mut self, f: &mut dyn FnMut(&str, &mut [E])) {
        let (b, s) = self.parts_mut();
        b.update_trainable(f);
        s.update_trainable(f);
    }
}

/// `shortcut(x) + branch(x)`: the output gradient goes to both, and their input gradients add.
impl<E, XS, BS, SS, Branch, Shortcut> Backward<E, Tensor<E, XS>> for Residual<Branch, Shortcut>
where
    Self: Layer<Tensor<E, XS>, Output = Tensor<E, SS>>,
    E: Float,
    XS: Shape,
    BS: Shape,
    SS: Shape,
    Branch: Backward<E, Tensor<E, XS>, Output = Tensor<E, BS>, InputGrad = Tensor<E, XS>>,
    Shortcut: Backward<E, Tensor<E, XS>, Output = Tensor<E, SS>, InputGrad = Tensor<E, XS>>,
{
    type Tape = (Tensor<E, SS>, Shortcut::Tape, Tensor<E, BS>, Branch::Tape);
    type InputGrad = Tensor<E, XS>;

    fn forward_train(&mut self, x: &Tensor<E, XS>, ctx: &mut TrainContext) -> (Tensor<E, SS>, Self::Tape) {
        let (branch, shortcut) = self.parts_mut();
        let (s, ts) = shortcut.forward_train(x, ctx);
        let (b, tb) = branch.forward_train(x, ctx);
        let mut y = ctx.workspace().copy_of(&s);
        add_into_ref(&mut y, &b);
        (y, (s, ts, b, tb))
    }

    fn backward(
        &self,
        x: &Tensor<E, XS>,
        _y: &Tensor<E, SS>,
        (s, ts, b, tb): Self::Tape,
        dy: Tensor<E, SS>,
        grads: &mut [E],
        ctx: &mut TrainContext,
    ) -> Tensor<E, XS> {
        crate::backward::check_grads("Residual", self.trainable_len(), grads.len());
        let (gb, gs) = grads.split_at_mut(self.branch().trainable_len());
        let mut db: Tensor<E, BS> = ctx.workspace().tensor_like(&b);
        db.as_mut_slice().copy_from_slice(dy.as_slice());
        let mut dx = self.branch().backward(x, &b, tb, db, gb, ctx);
        let dxs = self.shortcut().backward(x, &s, ts, dy, gs, ctx);
        add_into(&mut dx, dxs, ctx);
        ctx.workspace().give((s, b));
        dx
    }
}

fn add_into_ref<E: Float, S: Shape, S2: Shape>(acc: &mut Tensor<E, S>, g: &Tensor<E, S2>) {
    acc.as_mut_slice().iter_mut().zip(g.as_slice()).for_each(|(a, &b)| *a = *a + b);
}

macro_rules! fork_backward {
    ($($B:ident $b:ident $t:ident $d:ident $g:ident),+) => {
        impl<E, $($B: Trainable<E>),+> Trainable<E> for Fork<($($B,)+)> {
            fn trainable_len(&self) -> usize {
                let ($($b,)+) = self.branches();
                0 $(+ $b.trainable_len())+
            }
            fn visit_trainable(&self, f: &mut dyn FnMut(&str, &[E])) {
                let ($($b,)+) = self.branches();
                $($b.visit_trainable(f);)+
            }
            fn update_trainable(&mut self, f: &mut dyn FnMut(&str, &mut [E])) {
                let ($($b,)+) = self.branches_mut();
                $($b.update_trainable(f);)+
            }
        }

        /// Each branch on the same input: the branches' input gradients add.
        impl<E, XS, $($B),+> Backward<E, Tensor<E, XS>> for Fork<($($B,)+)>
        where
            Self: Layer<Tensor<E, XS>, Output = ($($B::Output,)+)>,
            E: Float,
            XS: Shape,
            $($B: Backward<E, Tensor<E, XS>, InputGrad = Tensor<E, XS>>,)+
        {
            type Tape = ($($B::Tape,)+);
            type InputGrad = Tensor<E, XS>;

            fn forward_train(&mut self, x: &Tensor<E, XS>, ctx: &mut TrainContext) -> (Self::Output, Self::Tape) {
                let ($($b,)+) = self.branches_mut();
                $(let ($d, $t) = $b.forward_train(x, ctx);)+
                (($($d,)+), ($($t,)+))
            }

            fn backward(
                &self,
                x: &Tensor<E, XS>,
                y: &Self::Output,
                tape: Self::Tape,
                dy: Self::Output,
                grads: &mut [E],
                ctx: &mut TrainContext,
            ) -> Tensor<E, XS> {
                crate::backward::check_grads("Fork", self.trainable_len(), grads.len());
                let ($($b,)+) = self.branches();
                let ($($t,)+) = tape;
                let ($($d,)+) = dy;
                #[allow(non_snake_case)]
                let ($($B,)+) = y;
                let rest = grads;
                $(let ($g, rest) = rest.split_at_mut($b.trainable_len());)+
                let _ = rest;
                let mut dx: Option<Tensor<E, XS>> = None;
                $(
                    let g = $b.backward(x, $B, $t, $d, $g, ctx);
                    match dx.as_mut() {
                        None => dx = Some(g),
                        Some(acc) => add_into(acc, g, ctx),
                    }
                )+
                dx.unwrap_or_else(|| unreachable!("a fork has branches"))
            }
        }
    };
}

fork_backward!(B0 b0 t0 d0 g0, B1 b1 t1 d1 g1);
fork_backward!(B0 b0 t0 d0 g0, B1 b1 t1 d1 g1, B2 b2 t2 d2 g2);
fork_backward!(B0 b0 t0 d0 g0, B1 b1 t1 d1 g1, B2 b2 t2 d2 g2, B3 b3 t3 d3 g3);
fork_backward!(B0 b0 t0 d0 g0, B1 b1 t1 d1 g1, B2 b2 t2 d2 g2, B3 b3 t3 d3 g3, B4 b4 t4 d4 g4);
fork_backward!(B0 b0 t0 d0 g0, B1 b1 t1 d1 g1, B2 b2 t2 d2 g2, B3 b3 t3 d3 g3, B4 b4 t4 d4 g4, B5 b5 t5 d5 g5);
fork_backward!(B0 b0 t0 d0 g0, B1 b1 t1 d1 g1, B2 b2 t2 d2 g2, B3 b3 t3 d3 g3, B4 b4 t4 d4 g4, B5 b5 t5 d5 g5, B6 b6 t6 d6 g6);
fork_backward!(B0 b0 t0 d0 g0, B1 b1 t1 d1 g1, B2 b2 t2 d2 g2, B3 b3 t3 d3 g3, B4 b4 t4 d4 g4, B5 b5 t5 d5 g5, B6 b6 t6 d6 g6, B7 b7 t7 d7 g7);
