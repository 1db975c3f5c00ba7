//! Optimizers (placeholder while the layers' gradients land).
