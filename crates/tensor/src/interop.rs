//! Optional conversions: `ndarray` arrays (feature `ndarray`) and serde (feature `serde`).
//! Data coming in is checked against the type's shape, as every other entry is.

#[cfg(feature = "ndarray")]
mod ndarray_interop {
    use ndarray::{ArrayD, ArrayViewD, IxDyn};
    use shaped_shapes::{Dim, Shape};

    use crate::error::fmt_dims;
    use crate::{Element, ShapeError, Tensor};

    impl<E: Element, S: Shape> Tensor<E, S> {
        /// Copies an `ndarray` array of any layout whose shape is the type's (with any batch
        /// when the batch is [`shaped_shapes::Dyn`]).
        ///
        /// ```
        /// use ndarray::Array3;
        /// use shaped::shapes::{shape, Dyn};
        /// use shaped::tensor::Tensor;
        /// let a = Array3::<f32>::zeros((4, 20, 1));
        /// let x = Tensor::<f32, shape![Dyn, 20, 1]>::from_ndarray(a.view().into_dyn())?;
        /// assert_eq!(x.batch(), 4);
        /// let err = Tensor::<f32, shape![Dyn, 20, 3]>::from_ndarray(a.view().into_dyn()).unwrap_err();
        /// assert_eq!(err.to_string(), "expected an array of shape (None, 20, 3), got (4, 20, 1)");
        /// # Ok::<(), shaped::tensor::ShapeError>(())
        /// ```
        ///
        /// # Errors
        ///
        /// An error naming the expected and actual shapes if the array's rank or dimensions
        /// (other than a run-time batch) are not the type's.
        pub fn from_ndarray(array: ArrayViewD<'_, E>) -> Result<Self, ShapeError> {
            let shape = array.shape();
            let fits = shape.len() == S::RANK
                && shape[1..] == *S::SAMPLE_DIMS
                && <S::Batch as Dim>::STATIC.is_none_or(|b| b == shape[0]);
            if !fits {
                return Err(ShapeError::Array {
                    expected: Self::type_shape(),
                    actual: fmt_dims(None, shape),
                });
            }
            Self::from_vec(array.iter().copied().collect())
        }

        /// The data as an owned `ndarray` array, batch first.
        #[must_use]
        pub fn to_ndarray(&self) -> ArrayD<E> {
            ArrayD::from_shape_vec(IxDyn(&self.dims()), self.as_slice().to_vec())
                .unwrap_or_else(|_| unreachable!("a tensor's length is the product of its dims"))
        }
    }
}

#[cfg(feature = "serde")]
mod serde_interop {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use shaped_shapes::Shape;

    use crate::{Element, Tensor};

    #[derive(Serialize, Deserialize)]
    struct Repr<E> {
        shape: Vec<usize>,
        data: Vec<E>,
    }

    impl<E: Element + Serialize, S: Shape> Serialize for Tensor<E, S> {
        fn serialize<Ser: Serializer>(&self, serializer: Ser) -> Result<Ser::Ok, Ser::Error> {
            Repr { shape: self.dims(), data: self.as_slice().to_vec() }.serialize(serializer)
        }
    }

    /// A tensor deserializes only if its recorded shape and data fit the type.
    impl<'de, E: Element + Deserialize<'de>, S: Shape> Deserialize<'de> for Tensor<E, S> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let repr = Repr::<E>::deserialize(deserializer)?;
            let tensor = Tensor::<E, S>::from_vec(repr.data).map_err(serde::de::Error::custom)?;
            if tensor.dims() != repr.shape {
                return Err(serde::de::Error::custom(format!(
                    "recorded shape {:?} does not match the data read as {}",
                    repr.shape,
                    Tensor::<E, S>::type_shape()
                )));
            }
            Ok(tensor)
        }
    }

    #[cfg(test)]
    mod tests {
        use crate::Tensor;
        use shaped_shapes::{shape, Dyn};

        #[test]
        fn serde_round_trip_checks_the_shape() {
            let x = Tensor::<f32, shape![Dyn, 3, 2]>::from_fn_with_batch(2, |i| i[1] as f32).unwrap();
            let json = serde_json::to_string(&x).unwrap();
            let back: Tensor<f32, shape![Dyn, 3, 2]> = serde_json::from_str(&json).unwrap();
            assert_eq!(back, x);
            let err = serde_json::from_str::<Tensor<f32, shape![Dyn, 2, 3]>>(&json).unwrap_err();
            assert!(err.to_string().contains("recorded shape [2, 3, 2]"), "{err}");
        }
    }
}
