//! Unit tests: every instruction-set path against the reference convolution.

mod activation;
mod backward;
mod cases;
mod isa;
mod props;
mod support;
mod threads;
