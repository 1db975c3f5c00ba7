//! Keras's shape mistakes and what `shaped` does with each.
