//! Element types.

use num_traits::{Float, NumCast};

mod sealed {
    pub trait Sealed {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
}

/// A tensor element: `f32` or `f64`.
///
/// Mixing element types is a compile error: a `Tensor<f64, _>` does not go into a layer built
/// for `f32`. Integer data enters through [`crate::Tensor::from_vec_cast`], which refuses any
/// value the element type cannot hold exactly.
pub trait Element:
    Float + NumCast + Default + Send + Sync + core::fmt::Debug + core::fmt::Display + 'static + sealed::Sealed
{
    /// The name of the type, as numpy's dtype (`"float32"`, `"float64"`).
    const DTYPE: &'static str;

    /// The workspace's buffers of this element type (an internal hook of [`crate::Workspace`]).
    #[doc(hidden)]
    fn pool(ws: &mut crate::Workspace) -> &mut crate::workspace::Pool<Self>;
}

impl Element for f32 {
    const DTYPE: &'static str = "float32";
    fn pool(ws: &mut crate::Workspace) -> &mut crate::workspace::Pool<Self> {
        ws.f32_pool()
    }
}

impl Element for f64 {
    const DTYPE: &'static str = "float64";
    fn pool(ws: &mut crate::Workspace) -> &mut crate::workspace::Pool<Self> {
        ws.f64_pool()
    }
}
