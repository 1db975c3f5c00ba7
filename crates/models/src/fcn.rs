//! The fully convolutional network (FCN) of Wang et al. for time-series classification, as
//! trained in Keras for JapaneseVowels and GunPoint.

use std::path::Path;

use shaped_io::{
    load_batch_norm, load_conv1d, load_dense, save_batch_norm, save_conv1d, save_dense, WeightFile,
    WeightLayout, WeightWriter,
};
use shaped_layers::pool::GlobalAveragePooling1D;
use shaped_layers::{Activation, BatchNormalization, Conv1D, Dense, Layer, Sequential};
use shaped_shapes::{Dyn, Same, U};
use shaped_tensor::Tensor;
use typenum::U1;

use crate::{Classifier, Error};

/// Keras's BatchNormalization epsilon in these models.
const EPSILON: f64 = 1e-3;

macro_rules! fcn {
    ($(#[$doc:meta])* $name:ident, $folded:ident, $len:literal, $channels:literal, $classes:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug)]
        pub struct $name {
            body: Sequential<
                Tensor<f32, (Dyn, U![$len], U![$channels])>,
                (
                    Conv1D<f32, U![$channels], U![128], U![8], U1, Same>,
                    BatchNormalization<f32, U![128]>,
                    Activation,
                    Conv1D<f32, U![128], U![256], U![5], U1, Same>,
                    BatchNormalization<f32, U![256]>,
                    Activation,
                    Conv1D<f32, U![256], U![128], U![3], U1, Same>,
                    BatchNormalization<f32, U![128]>,
                    Activation,
                    GlobalAveragePooling1D,
                ),
            >,
            head: Dense<f32, U![128], U![$classes]>,
        }

        /// The same network with each BatchNormalization folded into the convolution before
        /// it (and the ReLU fused into the convolution): three convolutions, pooling, Dense.
        #[derive(Clone, Debug)]
        pub struct $folded {
            body: Sequential<
                Tensor<f32, (Dyn, U![$len], U![$channels])>,
                (
                    Conv1D<f32, U![$channels], U![128], U![8], U1, Same>,
                    Conv1D<f32, U![128], U![256], U![5], U1, Same>,
                    Conv1D<f32, U![256], U![128], U![3], U1, Same>,
                    GlobalAveragePooling1D,
                ),
            >,
            head: Dense<f32, U![128], U![$classes]>,
        }

        impl $name {
            /// Loads the Keras weights (`weights.safetensors`, Keras layout); every tensor in
            /// the file must be used.
            ///
            /// # Errors
            ///
            /// The weight file's error: unreadable, a missing variable or one of another shape,
            /// or (strict) a variable left unused.
            pub fn load(weights: impl AsRef<Path>) -> Result<Self, Error> {
                let mut file = WeightFile::read(weights)?;
                let k = WeightLayout::Keras;
                let body = Sequential::new((
                    load_conv1d(&mut file, "conv1d", k)?,
                    load_batch_norm(&mut file, "batch_normalization", k, EPSILON)?,
                    Activation::Relu,
                    load_conv1d(&mut file, "conv1d_1", k)?,
                    load_batch_norm(&mut file, "batch_normalization_1", k, EPSILON)?,
                    Activation::Relu,
                    load_conv1d(&mut file, "conv1d_2", k)?,
                    load_batch_norm(&mut file, "batch_normalization_2", k, EPSILON)?,
                    Activation::Relu,
                    GlobalAveragePooling1D::new(),
                ));
                let head = load_dense(&mut file, "dense", k)?.activation(Activation::Softmax);
                file.finish_strict()?;
                Ok(Self { body, head })
            }


            /// Saves the weights as Keras names them (`conv1d.kernel`, `batch_normalization.gamma`,
            /// ...), in Keras layout: the file [`Self::load`] reads.
            ///
            /// # Errors
            ///
            /// [`shaped_io::WeightError::Io`] if the file cannot be written.
            pub fn save(&self, path: impl AsRef<Path>) -> Result<(), Error> {
                let (c0, bn0, _, c1, bn1, _, c2, bn2, _, _) = self.body.layers();
                let k = WeightLayout::Keras;
                let mut w = WeightWriter::new();
                save_conv1d(&mut w, "conv1d", c0, k)?;
                save_batch_norm(&mut w, "batch_normalization", bn0, k)?;
                save_conv1d(&mut w, "conv1d_1", c1, k)?;
                save_batch_norm(&mut w, "batch_normalization_1", bn1, k)?;
                save_conv1d(&mut w, "conv1d_2", c2, k)?;
                save_batch_norm(&mut w, "batch_normalization_2", bn2, k)?;
                save_dense(&mut w, "dense", &self.head, k)?;
                w.write(path)?;
                Ok(())
            }

            /// The model with every BatchNormalization folded into its convolution.
            pub fn folded(&self) -> $folded {
                let (c0, bn0, _, c1, bn1, _, c2, bn2, _, gap) = self.body.layers();
                let fold = "a linear Conv1D followed by BatchNormalization always folds";
                let body = Sequential::new((
                    c0.fold_batch_norm(bn0).expect(fold).activation(Activation::Relu),
                    c1.fold_batch_norm(bn1).expect(fold).activation(Activation::Relu),
                    c2.fold_batch_norm(bn2).expect(fold).activation(Activation::Relu),
                    gap.clone(),
                ));
                $folded { body, head: self.head.clone() }
            }

            /// A table like Keras's `model.summary()`, from the types.
            pub fn summary(&self) -> String {
                let mut rows = self.body.summary_rows();
                shaped_layers::Layer::<Tensor<f32, (Dyn, U![128])>>::summarize(&self.head, &mut rows);
                shaped_layers::summary_table(&<Self as Classifier>::Input::type_shape(), &rows)
            }

            /// Parameters, as Keras counts them (BatchNormalization's moving statistics included).
            pub fn param_count(&self) -> usize {
                self.body.param_count() + shaped_layers::LayerInfo::param_count(&self.head)
            }
        }


        impl Classifier for $name {
            type Input = Tensor<f32, (Dyn, U![$len], U![$channels])>;
            type Classes = U![$classes];
            fn probabilities(&self, x: &Self::Input) -> Tensor<f32, (Dyn, U![$classes])> {
                self.head.forward(&self.body.forward(x))
            }
            fn logits(&self, x: &Self::Input) -> Tensor<f32, (Dyn, U![$classes])> {
                self.head.clone().activation(Activation::Linear).forward(&self.body.forward(x))
            }
        }
        impl Classifier for $folded {
            type Input = Tensor<f32, (Dyn, U![$len], U![$channels])>;
            type Classes = U![$classes];
            fn probabilities(&self, x: &Self::Input) -> Tensor<f32, (Dyn, U![$classes])> {
                self.head.forward(&self.body.forward(x))
            }
            fn logits(&self, x: &Self::Input) -> Tensor<f32, (Dyn, U![$classes])> {
                self.head.clone().activation(Activation::Linear).forward(&self.body.forward(x))
            }
        }
    };
}

fcn! {
    /// The FCN trained on JapaneseVowels: 12 channels, sequences padded to 29 steps, 9 classes.
    JapaneseVowelsFcn, JapaneseVowelsFcnFolded, 29, 12, 9
}

fcn! {
    /// The FCN trained on GunPoint: one channel, 150 steps, 2 classes.
    GunPointFcn, GunPointFcnFolded, 150, 1, 2
}
