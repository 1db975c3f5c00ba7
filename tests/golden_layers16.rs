//! Every golden case of `tests/golden/layers16.json` (real Keras 3 outputs for the layers of
//! issue 16, made by `tools/gen_layers16_cases.py`, Keras's own test parameterisations among
//! them) through the typed layers, with their arguments as types: Embedding,
//! LayerNormalization, GroupNormalization, GlobalAverage/MaxPooling1D(keepdims=True),
//! AdaptiveAverage/MaxPooling1D, ReLU, LeakyReLU, PReLU, Permute, RepeatVector,
//! SpatialDropout1D.
//!
//! A case is within `1e-5 * (1 + |keras|)` of Keras's output (float32; `1e-12` for float64;
//! Embedding exactly; a case whose data is ill-conditioned carries a larger tolerance with its
//! reason in the file), with Keras's output shape. `every_case_has_a_typed_test` fails when the JSON has a case no
//! test below reads.

use shaped::prelude::*;

#[path = "support/json_cases.rs"]
mod json_cases;
use json_cases::{check_tensor_case, check_token_case};

const FILE: &str = "layers16.json";

macro_rules! golden {
    (
        tokens { $($tname:ident = $tfile:literal: $telem:ty, $vocab:ty, $tinput:ty, |$tc:ident| $tbuild:expr;)* }
        tensors { $($name:ident = $file:literal: $elem:ty, $input:ty, |$c:ident| $build:expr;)* }
    ) => {
        $(
            #[test]
            fn $tname() {
                type E = $telem;
                check_token_case::<E, $vocab, $tinput, _, _>(FILE, $tfile, |$tc| $tbuild);
            }
        )*
        $(
            #[test]
            fn $name() {
                type E = $elem;
                check_tensor_case::<E, $input, _, _>(FILE, $file, |$c| $build);
            }
        )*
        /// The cases that have a typed test above.
        const TYPED_CASES: &[&str] = &[$($tfile,)* $($file,)*];
    };
}

golden! {
    tokens {
    embedding_basics_4_3 = "embedding_basics_4_3": f32, U![4], (U![2], U![1]), |c| Embedding::<E, U![4], U![3]>::from_keras(&c.weight::<E>("embeddings")).unwrap();
    embedding_basics_5_4 = "embedding_basics_5_4": f32, U![5], (U![2], U![3]), |c| Embedding::<E, U![5], U![4]>::from_keras(&c.weight::<E>("embeddings")).unwrap();
    embedding_correctness = "embedding_correctness": f32, U![3], (U![1], U![3]), |c| Embedding::<E, U![3], U![2]>::from_keras(&c.weight::<E>("embeddings")).unwrap();
    embedding_quantize_shape_10_6 = "embedding_quantize_shape_10_6": f32, U![10], (U![2], U![3]), |c| Embedding::<E, U![10], U![6]>::from_keras(&c.weight::<E>("embeddings")).unwrap();
    embedding_50_16_dyn = "embedding_50_16_dyn": f32, U![50], (Dyn, U![20]), |c| Embedding::<E, U![50], U![16]>::from_keras(&c.weight::<E>("embeddings")).unwrap();
    embedding_7_5_f64 = "embedding_7_5_f64": f64, U![7], (U![2], U![6]), |c| Embedding::<E, U![7], U![5]>::from_keras(&c.weight::<E>("embeddings")).unwrap();
    }
    tensors {
    ln_basics_ones = "ln_basics_ones": f32, (U![3], U![4], U![2]), |c| LayerNormalization::<E, U![2]>::from_keras(c.optional::<E>("gamma").as_deref(), c.optional::<E>("beta").as_deref(), c.f64("epsilon")).unwrap();
    ln_no_scale_no_center_2d = "ln_no_scale_no_center_2d": f32, (U![3], U![3]), |c| LayerNormalization::<E, U![3]>::from_keras(c.optional::<E>("gamma").as_deref(), c.optional::<E>("beta").as_deref(), c.f64("epsilon")).unwrap();
    ln_output = "ln_output": f32, (U![1], U![5]), |c| LayerNormalization::<E, U![5]>::from_keras(c.optional::<E>("gamma").as_deref(), c.optional::<E>("beta").as_deref(), c.f64("epsilon")).unwrap();
    ln_correctness_loc5_scale10 = "ln_correctness_loc5_scale10": f32, (Dyn, U![2], U![4]), |c| LayerNormalization::<E, U![4]>::from_keras(c.optional::<E>("gamma").as_deref(), c.optional::<E>("beta").as_deref(), c.f64("epsilon")).unwrap();
    ln_eps1e_5 = "ln_eps1e-5": f32, (U![2], U![10], U![6]), |c| LayerNormalization::<E, U![6]>::from_keras(c.optional::<E>("gamma").as_deref(), c.optional::<E>("beta").as_deref(), c.f64("epsilon")).unwrap();
    ln_center_only = "ln_center_only": f32, (Dyn, U![7], U![5]), |c| LayerNormalization::<E, U![5]>::from_keras(c.optional::<E>("gamma").as_deref(), c.optional::<E>("beta").as_deref(), c.f64("epsilon")).unwrap();
    ln_scale_only = "ln_scale_only": f32, (U![2], U![7], U![5]), |c| LayerNormalization::<E, U![5]>::from_keras(c.optional::<E>("gamma").as_deref(), c.optional::<E>("beta").as_deref(), c.f64("epsilon")).unwrap();
    ln_f64 = "ln_f64": f64, (U![2], U![9], U![4]), |c| LayerNormalization::<E, U![4]>::from_keras(c.optional::<E>("gamma").as_deref(), c.optional::<E>("beta").as_deref(), c.f64("epsilon")).unwrap();
    ln_small_variance = "ln_small_variance": f32, (U![2], U![6], U![8]), |c| LayerNormalization::<E, U![8]>::from_keras(c.optional::<E>("gamma").as_deref(), c.optional::<E>("beta").as_deref(), c.f64("epsilon")).unwrap();
    gn_basics_default_groups32 = "gn_basics_default_groups32": f32, (U![3], U![4], U![32]), |c| GroupNormalization::<E, U![32], U![32]>::from_keras(c.optional::<E>("gamma").as_deref(), c.optional::<E>("beta").as_deref(), c.f64("epsilon")).unwrap();
    gn_basics_groups4 = "gn_basics_groups4": f32, (U![3], U![4], U![4]), |c| GroupNormalization::<E, U![4], U![4]>::from_keras(c.optional::<E>("gamma").as_deref(), c.optional::<E>("beta").as_deref(), c.f64("epsilon")).unwrap();
    gn_instance_norm_groups4 = "gn_instance_norm_groups4": f32, (U![1], U![2], U![4]), |c| GroupNormalization::<E, U![4], U![4]>::from_keras(c.optional::<E>("gamma").as_deref(), c.optional::<E>("beta").as_deref(), c.f64("epsilon")).unwrap();
    gn_instance_norm_groups_minus1 = "gn_instance_norm_groups_minus1": f32, (U![1], U![2], U![4]), |c| GroupNormalization::<E, U![4], U![4]>::from_keras(c.optional::<E>("gamma").as_deref(), c.optional::<E>("beta").as_deref(), c.f64("epsilon")).unwrap();
    gn_1d_groups1 = "gn_1d_groups1": f32, (U![1], U![8]), |c| GroupNormalization::<E, U![8], U![1]>::from_keras(c.optional::<E>("gamma").as_deref(), c.optional::<E>("beta").as_deref(), c.f64("epsilon")).unwrap();
    gn_1d_groups2 = "gn_1d_groups2": f32, (U![1], U![8]), |c| GroupNormalization::<E, U![8], U![2]>::from_keras(c.optional::<E>("gamma").as_deref(), c.optional::<E>("beta").as_deref(), c.f64("epsilon")).unwrap();
    gn_groups2_c6 = "gn_groups2_c6": f32, (Dyn, U![5], U![6]), |c| GroupNormalization::<E, U![6], U![2]>::from_keras(c.optional::<E>("gamma").as_deref(), c.optional::<E>("beta").as_deref(), c.f64("epsilon")).unwrap();
    gn_groups1_eps1e_5 = "gn_groups1_eps1e-5": f32, (U![2], U![5], U![6]), |c| GroupNormalization::<E, U![6], U![1]>::from_keras(c.optional::<E>("gamma").as_deref(), c.optional::<E>("beta").as_deref(), c.f64("epsilon")).unwrap();
    gn_groups3_c6_f64 = "gn_groups3_c6_f64": f64, (U![2], U![4], U![6]), |c| GroupNormalization::<E, U![6], U![3]>::from_keras(c.optional::<E>("gamma").as_deref(), c.optional::<E>("beta").as_deref(), c.f64("epsilon")).unwrap();
    gn_groups2_no_center = "gn_groups2_no_center": f32, (U![2], U![3], U![4]), |c| GroupNormalization::<E, U![4], U![2]>::from_keras(c.optional::<E>("gamma").as_deref(), c.optional::<E>("beta").as_deref(), c.f64("epsilon")).unwrap();
    gap_keepdims = "gap_keepdims": f32, (U![3], U![5], U![4]), |_c| GlobalAveragePooling1D::new().keepdims();
    gmp_keepdims = "gmp_keepdims": f32, (Dyn, U![5], U![4]), |_c| GlobalMaxPooling1D::new().keepdims();
    adaptive_avg_basic_8_to_4 = "adaptive_avg_basic_8_to_4": f32, (U![2], U![8], U![3]), |_c| AdaptiveAveragePooling1D::<U![4]>::new();
    adaptive_avg_numerical_6_to_2 = "adaptive_avg_numerical_6_to_2": f32, (U![1], U![6], U![1]), |_c| AdaptiveAveragePooling1D::<U![2]>::new();
    adaptive_avg_64_to_16 = "adaptive_avg_64_to_16": f32, (Dyn, U![64], U![3]), |_c| AdaptiveAveragePooling1D::<U![16]>::new();
    adaptive_avg_10_to_3 = "adaptive_avg_10_to_3": f32, (U![2], U![10], U![2]), |_c| AdaptiveAveragePooling1D::<U![3]>::new();
    adaptive_avg_5_to_3 = "adaptive_avg_5_to_3": f32, (U![2], U![5], U![2]), |_c| AdaptiveAveragePooling1D::<U![3]>::new();
    adaptive_avg_7_to_5 = "adaptive_avg_7_to_5": f32, (U![2], U![7], U![2]), |_c| AdaptiveAveragePooling1D::<U![5]>::new();
    adaptive_avg_3_to_5 = "adaptive_avg_3_to_5": f32, (U![2], U![3], U![2]), |_c| AdaptiveAveragePooling1D::<U![5]>::new();
    adaptive_avg_9_to_1 = "adaptive_avg_9_to_1": f32, (U![2], U![9], U![2]), |_c| AdaptiveAveragePooling1D::<U![1]>::new();
    adaptive_avg_11_to_4 = "adaptive_avg_11_to_4": f32, (U![2], U![11], U![2]), |_c| AdaptiveAveragePooling1D::<U![4]>::new();
    adaptive_max_basic_8_to_4 = "adaptive_max_basic_8_to_4": f32, (U![2], U![8], U![3]), |_c| AdaptiveMaxPooling1D::<U![4]>::new();
    adaptive_max_numerical_6_to_2 = "adaptive_max_numerical_6_to_2": f32, (U![1], U![6], U![1]), |_c| AdaptiveMaxPooling1D::<U![2]>::new();
    adaptive_max_64_to_16 = "adaptive_max_64_to_16": f32, (Dyn, U![64], U![3]), |_c| AdaptiveMaxPooling1D::<U![16]>::new();
    adaptive_max_10_to_3 = "adaptive_max_10_to_3": f32, (U![2], U![10], U![2]), |_c| AdaptiveMaxPooling1D::<U![3]>::new();
    adaptive_max_5_to_3 = "adaptive_max_5_to_3": f32, (U![2], U![5], U![2]), |_c| AdaptiveMaxPooling1D::<U![3]>::new();
    adaptive_max_7_to_5 = "adaptive_max_7_to_5": f32, (U![2], U![7], U![2]), |_c| AdaptiveMaxPooling1D::<U![5]>::new();
    adaptive_max_3_to_5 = "adaptive_max_3_to_5": f32, (U![2], U![3], U![2]), |_c| AdaptiveMaxPooling1D::<U![5]>::new();
    adaptive_max_11_to_4 = "adaptive_max_11_to_4": f32, (U![2], U![11], U![2]), |_c| AdaptiveMaxPooling1D::<U![4]>::new();
    relu_basics_max10_slope1_thr0_5 = "relu_basics_max10_slope1_thr0.5": f32, (U![2], U![3], U![4]), |c| ReLU::with_args(Some(c.f64("max_value")), c.f64("negative_slope"), c.f64("threshold")).unwrap();
    relu_normal = "relu_normal": f32, (U![1], U![5]), |c| ReLU::with_args(Some(c.f64("max_value")), c.f64("negative_slope"), c.f64("threshold")).unwrap();
    relu_leaky = "relu_leaky": f32, (U![1], U![5]), |c| ReLU::with_args(Some(c.f64("max_value")), c.f64("negative_slope"), c.f64("threshold")).unwrap();
    relu_threshold = "relu_threshold": f32, (U![1], U![5]), |c| ReLU::with_args(Some(c.f64("max_value")), c.f64("negative_slope"), c.f64("threshold")).unwrap();
    relu_config_max5_slope0_2_thr1 = "relu_config_max5_slope0.2_thr1": f32, (U![2], U![6], U![3]), |c| ReLU::with_args(Some(c.f64("max_value")), c.f64("negative_slope"), c.f64("threshold")).unwrap();
    relu_default = "relu_default": f32, (U![2], U![6], U![3]), |c| ReLU::with_args(None, c.f64("negative_slope"), c.f64("threshold")).unwrap();
    relu6 = "relu6": f32, (U![2], U![6], U![3]), |c| ReLU::with_args(Some(c.f64("max_value")), c.f64("negative_slope"), c.f64("threshold")).unwrap();
    relu_slope_only = "relu_slope_only": f32, (U![2], U![6], U![3]), |c| ReLU::with_args(None, c.f64("negative_slope"), c.f64("threshold")).unwrap();
    relu_threshold_slope = "relu_threshold_slope": f32, (U![2], U![6], U![3]), |c| ReLU::with_args(None, c.f64("negative_slope"), c.f64("threshold")).unwrap();
    relu_max6_threshold = "relu_max6_threshold": f32, (U![2], U![6], U![3]), |c| ReLU::with_args(Some(c.f64("max_value")), c.f64("negative_slope"), c.f64("threshold")).unwrap();
    leaky_relu_default = "leaky_relu_default": f32, (U![2], U![6], U![3]), |c| LeakyReLU::with_slope(c.f64("negative_slope")).unwrap();
    leaky_relu_slope1 = "leaky_relu_slope1": f32, (U![2], U![3], U![4]), |c| LeakyReLU::with_slope(c.f64("negative_slope")).unwrap();
    leaky_relu_correctness = "leaky_relu_correctness": f32, (U![1], U![5]), |c| LeakyReLU::with_slope(c.f64("negative_slope")).unwrap();
    prelu_shared_axes_1 = "prelu_shared_axes_1": f32, (U![2], U![3], U![4]), |c| PReLU::<E, U![1], U![4]>::from_keras(&c.weight::<E>("alpha")).unwrap();
    prelu_shared_axes_1_2 = "prelu_shared_axes_1_2": f32, (U![2], U![10], U![3]), |c| PReLU::<E, U![1], U![1]>::from_keras(&c.weight::<E>("alpha")).unwrap();
    prelu_no_sharing = "prelu_no_sharing": f32, (Dyn, U![5], U![3]), |c| PReLU::<E, U![5], U![3]>::from_keras(&c.weight::<E>("alpha")).unwrap();
    prelu_shared_axes_2 = "prelu_shared_axes_2": f32, (U![2], U![5], U![3]), |c| PReLU::<E, U![5], U![1]>::from_keras(&c.weight::<E>("alpha")).unwrap();
    permute_2_1 = "permute_2_1": f32, (U![3], U![4], U![5]), |_c| Permute::<(U![2], U![1])>::new();
    permute_1_2 = "permute_1_2": f32, (Dyn, U![4], U![5]), |_c| Permute::<(U![1], U![2])>::new();
    repeat_vector_3 = "repeat_vector_3": f32, (U![2], U![5]), |_c| RepeatVector::<U![3]>::new();
    repeat_vector_1 = "repeat_vector_1": f32, (Dyn, U![2]), |_c| RepeatVector::<U![1]>::new();
    spatial_dropout1d_0_5 = "spatial_dropout1d_0.5": f32, (U![2], U![3], U![4]), |c| SpatialDropout1D::new(c.f64("rate")).unwrap();
    }
}

#[test]
fn every_case_has_a_typed_test() {
    let mut names = json_cases::case_names(FILE);
    let mut typed: Vec<String> = TYPED_CASES.iter().map(ToString::to_string).collect();
    names.sort();
    typed.sort();
    assert_eq!(names, typed);
    assert!(names.len() >= 60, "{} cases", names.len());
}
