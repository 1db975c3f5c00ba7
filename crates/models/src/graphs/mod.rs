//! Functional (non-sequential) Keras models, each declared once with `model!`.

mod inception;
mod resnet;
mod wavenet;

pub use inception::BasicMotionsInception;
pub use resnet::GunPointResNet;
pub use wavenet::JapaneseVowelsWaveNet;
