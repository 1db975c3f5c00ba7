//! Helpers shared by the integration tests: the reference convolution and the golden-file
//! loader. Each test binary uses a different subset.
#![allow(dead_code)]

pub mod golden;
pub mod reference;
