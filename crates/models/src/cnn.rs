//! A small CNN trained in Keras on GunPoint, with pooling, Flatten and two Dense layers.

use std::path::Path;

use shaped_io::{
    load_batch_norm, load_conv1d, load_dense, save_batch_norm, save_conv1d, save_dense, WeightFile,
    WeightLayout, WeightWriter,
};
use shaped_layers::pool::{AveragePooling1D, MaxPooling1D};
use shaped_layers::reshaping::Flatten;
use shaped_layers::{dropout, Activation, BatchNormalization, Conv1D, Dense, Dropout, Layer, Sequential};
use shaped_shapes::{Causal, Dyn, Valid, U};
use shaped_tensor::Tensor;
use typenum::U1;

use crate::{Classifier, Error};

type Input = Tensor<f32, (Dyn, U![150], U![1])>;

/// Conv1D(16, 7, strides=2) + BN + ReLU, MaxPooling1D(3, 2), Conv1D(32, 5, causal,
/// dilation_rate=2, relu), AveragePooling1D(2), Flatten, Dropout(0.25), Dense(32, relu),
/// Dense(2, softmax), on GunPoint `(None, 150, 1)`.
///
/// The 544 features Flatten gives the first Dense (17 steps x 32 channels) are computed from
/// the types: nothing in this file says 544.
#[derive(Clone, Debug)]
pub struct GunPointCnn {
    body: Sequential<
        Input,
        (
            Conv1D<f32, U![1], U![16], U![7], U![2], Valid>,
            BatchNormalization<f32, U![16]>,
            Activation,
            MaxPooling1D<U![3], U![2]>,
            Conv1D<f32, U![16], U![32], U![5], U1, Causal, U![2]>,
            AveragePooling1D<U![2]>,
            Flatten,
            Dropout,
            Dense<f32, U![544], U![32]>,
        ),
    >,
    head: Dense<f32, U![32], U![2]>,
}

/// [`GunPointCnn`] with its BatchNormalization folded into the first convolution.
#[derive(Clone, Debug)]
pub struct GunPointCnnFolded {
    body: Sequential<
        Input,
        (
            Conv1D<f32, U![1], U![16], U![7], U![2], Valid>,
            MaxPooling1D<U![3], U![2]>,
            Conv1D<f32, U![16], U![32], U![5], U1, Causal, U![2]>,
            AveragePooling1D<U![2]>,
            Flatten,
            Dense<f32, U![544], U![32]>,
        ),
    >,
    head: Dense<f32, U![32], U![2]>,
}

impl GunPointCnn {
    /// Loads the Keras weights (`weights.safetensors`, Keras layout); every tensor in the file
    /// must be used.
    ///
    /// # Errors
    ///
    /// The weight file's error: unreadable, a missing variable or one of another shape, or
    /// (strict) a variable left unused.
    pub fn load(weights: impl AsRef<Path>) -> Result<Self, Error> {
        let mut file = WeightFile::read(weights)?;
        let k = WeightLayout::Keras;
        let body = Sequential::<Input, _>::new((
            load_conv1d(&mut file, "conv1d", k)?,
            load_batch_norm(&mut file, "batch_normalization", k, 1e-3)?,
            Activation::Relu,
            MaxPooling1D::new(),
            load_conv1d(&mut file, "conv1d_1", k)?.activation(Activation::Relu),
            AveragePooling1D::new(),
            Flatten::new(),
            dropout!(0.25),
            load_dense(&mut file, "dense", k)?.activation(Activation::Relu),
        ));
        let head = load_dense(&mut file, "dense_1", k)?.activation(Activation::Softmax);
        file.finish_strict()?;
        Ok(Self { body, head })
    }

    /// Saves the weights as Keras names them, in Keras layout: the file [`Self::load`] reads.
    ///
    /// # Errors
    ///
    /// [`shaped_io::WeightError::Io`] if the file cannot be written.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        let (c0, bn0, _, _, c1, _, _, _, dense) = self.body.layers();
        let k = WeightLayout::Keras;
        let mut w = WeightWriter::new();
        save_conv1d(&mut w, "conv1d", c0, k)?;
        save_batch_norm(&mut w, "batch_normalization", bn0, k)?;
        save_conv1d(&mut w, "conv1d_1", c1, k)?;
        save_dense(&mut w, "dense", dense, k)?;
        save_dense(&mut w, "dense_1", &self.head, k)?;
        w.write(path)?;
        Ok(())
    }

    /// The model with its BatchNormalization folded into the first convolution.
    ///
    /// # Panics
    ///
    /// Never: a linear Conv1D followed by BatchNormalization always folds.
    pub fn folded(&self) -> GunPointCnnFolded {
        let (c0, bn0, _, max, c1, avg, flatten, _, dense) = self.body.layers();
        let c0 =
            c0.fold_batch_norm(bn0).expect("a linear Conv1D followed by BatchNormalization always folds");
        let body = Sequential::<Input, _>::new((
            c0.activation(Activation::Relu),
            max.clone(),
            c1.clone(),
            avg.clone(),
            flatten.clone(),
            dense.clone(),
        ));
        GunPointCnnFolded { body, head: self.head.clone() }
    }

    /// A table like Keras's `model.summary()`, from the types.
    pub fn summary(&self) -> String {
        let mut rows = self.body.summary_rows();
        shaped_layers::Layer::<Tensor<f32, (Dyn, U![32])>>::summarize(&self.head, &mut rows);
        shaped_layers::summary_table(&<Self as Classifier>::Input::type_shape(), &rows)
    }

    /// Parameters, as Keras counts them.
    pub fn param_count(&self) -> usize {
        self.body.param_count() + shaped_layers::LayerInfo::param_count(&self.head)
    }
}

macro_rules! classifier {
    ($t:ty) => {
        impl Classifier for $t {
            type Input = Input;
            type Classes = U![2];
            fn probabilities(&self, x: &Input) -> Tensor<f32, (Dyn, U![2])> {
                self.head.forward(&self.body.forward(x))
            }
            fn logits(&self, x: &Input) -> Tensor<f32, (Dyn, U![2])> {
                self.head.clone().activation(Activation::Linear).forward(&self.body.forward(x))
            }
        }
    };
}
classifier!(GunPointCnn);
classifier!(GunPointCnnFolded);
