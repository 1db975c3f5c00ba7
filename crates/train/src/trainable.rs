//! The parameters a layer trains.

/// A layer's trainable parameters, visited in a fixed order.
///
/// Each variable is one slice, named as Keras names it inside its layer (`kernel`, `bias`,
/// `gamma`, `beta`); a model's variables are its layers' in order. Gradients are laid out the
/// same way: [`Backward::backward`](crate::Backward::backward) writes a layer's gradients into
/// a slice of [`Trainable::trainable_len`] elements, variable after variable. Non-trainable
/// state (BatchNormalization's moving statistics) is not visited.
pub trait Trainable<E> {
    /// The number of trainable scalars.
    fn trainable_len(&self) -> usize;

    /// Calls `f` on each trainable variable in order, with its Keras name.
    fn visit_trainable(&self, f: &mut dyn FnMut(&str, &[E]));

    /// Calls `f` on each trainable variable in order, mutably (an optimizer step); the layer
    /// refreshes whatever it derives from them afterwards.
    fn update_trainable(&mut self, f: &mut dyn FnMut(&str, &mut [E]));

    /// The lengths of the trainable variables, in order.
    fn trainable_shapes(&self) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        self.visit_trainable(&mut |name, v| out.push((name.to_string(), v.len())));
        out
    }
}

/// Implements [`Trainable`] for layers without trainable parameters.
macro_rules! no_parameters {
    ($($(#[$m:meta])* impl<$($g:ident),*> for $t:ty;)*) => {
        $(
            $(#[$m])*
            impl<E, $($g),*> $crate::Trainable<E> for $t {
                fn trainable_len(&self) -> usize {
                    0
                }
                fn visit_trainable(&self, _: &mut dyn FnMut(&str, &[E])) {}
                fn update_trainable(&mut self, _: &mut dyn FnMut(&str, &mut [E])) {}
            }
        )*
    };
}
pub(crate) use no_parameters;

/// Calls `f` on a normalisation's optional `gamma` then `beta`, with their Keras names: the
/// shared body of BatchNormalization's, LayerNormalization's and GroupNormalization's
/// [`Trainable`] visits (`S` is `&[E]` to read them, `&mut [E]` to update them).
pub(crate) fn visit_gamma_beta<S>(gamma: Option<S>, beta: Option<S>, mut f: impl FnMut(&str, S)) {
    if let Some(g) = gamma {
        f("gamma", g);
    }
    if let Some(b) = beta {
        f("beta", b);
    }
}
