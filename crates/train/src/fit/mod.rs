//! Keras's `fit`, `evaluate` and `predict` (placeholder while the layers' gradients land).
