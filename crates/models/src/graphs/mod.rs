//! Functional (non-sequential) Keras models, each declared once with `model!`.

mod resnet;
mod wavenet;

pub use resnet::GunPointResNet;
pub use wavenet::JapaneseVowelsWaveNet;
