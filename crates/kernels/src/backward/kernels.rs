//! From (instruction set, tile) to the compiled backward kernels: one `#[target_feature]`
//! wrapper per kernel and instruction set around the generic `#[inline(always)]` bodies of
//! [`input`](super::input) and [`weights`](super::weights).

use super::input::{DepthwiseTask, DotTask, InputTask};
use super::weights::{DwWeightsTask, WeightsTask};
use crate::pack::Tile;
use crate::{Isa, Scalar};

/// Declares the wrappers of one instruction set.
macro_rules! wrappers {
    ($arch:literal, $name:ident, $features:literal, $doc:literal) => {
        #[doc = $doc]
        #[cfg(target_arch = $arch)]
        mod $name {
            use super::super::{input, weights};
            use super::{DepthwiseTask, DotTask, DwWeightsTask, InputTask, WeightsTask};
            use crate::simd::Simd;

            /// The input-gradient kernel.
            ///
            /// # Safety
            /// The CPU must have the features enabled here, and `S` must be their vector type.
            #[target_feature(enable = $features)]
            pub(super) unsafe fn input<S: Simd, const MR: usize, const NV: usize>(t: InputTask<'_, S::T>) {
                // SAFETY: the features `S` needs are enabled here and present (contract).
                unsafe { input::run::<S, MR, NV>(t) }
            }

            /// The dot-product input-gradient kernel.
            ///
            /// # Safety
            /// As for [`input`].
            #[target_feature(enable = $features)]
            pub(super) unsafe fn input_dot<S: Simd, const MR: usize>(t: DotTask<'_, S::T>) {
                // SAFETY: the features `S` needs are enabled here and present (contract).
                unsafe { input::dot::<S, MR>(t) }
            }

            /// The depthwise input-gradient kernel.
            ///
            /// # Safety
            /// As for [`input`].
            #[target_feature(enable = $features)]
            pub(super) unsafe fn input_depthwise<S: Simd>(t: DepthwiseTask<'_, S::T>) {
                // SAFETY: the features `S` needs are enabled here and present (contract).
                unsafe { input::depthwise::<S>(t) }
            }

            /// The kernel-gradient kernel.
            ///
            /// # Safety
            /// As for [`input`].
            #[target_feature(enable = $features)]
            pub(super) unsafe fn weights<S: Simd, const MR: usize, const NV: usize>(
                t: WeightsTask<'_, S::T>,
            ) {
                // SAFETY: the features `S` needs are enabled here and present (contract).
                unsafe { weights::run::<S, MR, NV>(t) }
            }

            /// The depthwise kernel-gradient kernel.
            ///
            /// # Safety
            /// As for [`input`], plus the contract of [`weights::depthwise`].
            #[target_feature(enable = $features)]
            pub(super) unsafe fn weights_depthwise<S: Simd>(t: DwWeightsTask<'_, S::T>) {
                // SAFETY: the features `S` needs are enabled here and present; the task's
                // contract is forwarded.
                unsafe { weights::depthwise::<S>(t) }
            }

            /// The vectorised activation derivatives.
            ///
            /// # Safety
            /// As for [`input`].
            #[target_feature(enable = $features)]
            pub(super) unsafe fn activation<S: Simd>(
                act: crate::Activation,
                x: &[S::T],
                y: &[S::T],
                g: &mut [S::T],
            ) {
                // SAFETY: the features `S` needs are enabled here and present (contract).
                unsafe { super::super::activation::apply::<S>(act, x, y, g) }
            }

            /// The bias gradient (column sums).
            ///
            /// # Safety
            /// As for [`input`].
            #[target_feature(enable = $features)]
            pub(super) unsafe fn bias<S: Simd>(dy: &[S::T], rows: usize, db: &mut [S::T]) {
                // SAFETY: the features `S` needs are enabled here and present (contract).
                unsafe { weights::bias::<S>(dy, rows, db) }
            }
        }
    };
}

wrappers!("x86_64", x512, "avx512f,avx2,fma", "The backward kernels compiled for AVX-512F.");
wrappers!("x86_64", x2, "avx2,fma", "The backward kernels compiled for AVX2 and FMA.");
wrappers!("aarch64", neon, "neon", "The backward kernels compiled for NEON.");

/// Runs a register-tiled kernel `$f` of the wrapper modules on `$isa` with tile `$tile`.
macro_rules! tiled {
    ($isa:expr, $tile:expr, $T:ty, $f:ident, $m:ident :: $pf:ident, $task:expr) => {{
        let (isa, tile, task) = ($isa, $tile, $task);
        debug_assert!(isa.is_supported());
        match isa {
            #[cfg(target_arch = "x86_64")]
            Isa::Avx512 => {
                type S<T> = <T as crate::scalar::sealed::Sealed>::Avx512;
                // SAFETY: the weights' ISA was checked supported when they were built, so the
                // CPU has AVX-512F, AVX2 and FMA; `S` is the AVX-512 vector type.
                unsafe {
                    match tile {
                        Tile::M12N1 => x512::$f::<S<$T>, 12, 1>(task),
                        Tile::M8N2 => x512::$f::<S<$T>, 8, 2>(task),
                        Tile::M6N4 => x512::$f::<S<$T>, 6, 4>(task),
                        Tile::M6N2 | Tile::M4N1 => unreachable!("tile {tile:?} is not chosen for AVX-512"),
                    }
                }
            }
            #[cfg(target_arch = "x86_64")]
            Isa::Avx2 => {
                type S<T> = <T as crate::scalar::sealed::Sealed>::Avx2;
                // SAFETY: as above, the CPU has AVX2 and FMA; `S` is the AVX2 vector type.
                unsafe {
                    match tile {
                        Tile::M12N1 => x2::$f::<S<$T>, 12, 1>(task),
                        Tile::M6N2 => x2::$f::<S<$T>, 6, 2>(task),
                        Tile::M8N2 | Tile::M6N4 | Tile::M4N1 => {
                            unreachable!("tile {tile:?} is not chosen for AVX2")
                        }
                    }
                }
            }
            #[cfg(target_arch = "aarch64")]
            Isa::Neon => {
                type S<T> = <T as crate::scalar::sealed::Sealed>::Neon;
                // SAFETY: as above, the CPU has NEON; `S` is the NEON vector type.
                unsafe {
                    match tile {
                        Tile::M12N1 => neon::$f::<S<$T>, 12, 1>(task),
                        Tile::M8N2 => neon::$f::<S<$T>, 8, 2>(task),
                        Tile::M6N4 => neon::$f::<S<$T>, 6, 4>(task),
                        Tile::M6N2 | Tile::M4N1 => unreachable!("tile {tile:?} is not chosen for NEON"),
                    }
                }
            }
            _ => {
                debug_assert_eq!(tile, Tile::M4N1);
                // SAFETY: the portable vector needs no instruction-set extension.
                unsafe { super::$m::$pf::<<$T as crate::scalar::sealed::Sealed>::Portable, 4, 1>(task) }
            }
        }
    }};
}

/// Runs a kernel `$f` of the wrapper modules (no tile) on `$isa`.
macro_rules! plain {
    ($isa:expr, $T:ty, $f:ident, $m:ident :: $pf:ident, ($($arg:expr),*)) => {{
        let isa = $isa;
        debug_assert!(isa.is_supported());
        match isa {
            #[cfg(target_arch = "x86_64")]
            // SAFETY: the weights' ISA was checked supported when they were built.
            Isa::Avx512 => unsafe { x512::$f::<<$T as crate::scalar::sealed::Sealed>::Avx512>($($arg),*) },
            #[cfg(target_arch = "x86_64")]
            // SAFETY: the weights' ISA was checked supported when they were built.
            Isa::Avx2 => unsafe { x2::$f::<<$T as crate::scalar::sealed::Sealed>::Avx2>($($arg),*) },
            #[cfg(target_arch = "aarch64")]
            // SAFETY: the weights' ISA was checked supported when they were built.
            Isa::Neon => unsafe { neon::$f::<<$T as crate::scalar::sealed::Sealed>::Neon>($($arg),*) },
            // SAFETY: the portable vector needs no instruction-set extension.
            _ => unsafe { super::$m::$pf::<<$T as crate::scalar::sealed::Sealed>::Portable>($($arg),*) },
        }
    }};
}

/// Runs an input-gradient task on `isa` (supported by this CPU: weights only hold a checked
/// one) with the tile the pack was made for.
pub(crate) fn input<T: Scalar>(isa: Isa, task: InputTask<'_, T>) {
    let tile = task.pack.tile;
    tiled!(isa, tile, T, input, input::run, task)
}

/// Runs a dot-product input-gradient task on `isa`.
pub(crate) fn input_dot<T: Scalar>(isa: Isa, task: DotTask<'_, T>) {
    debug_assert!(isa.is_supported());
    type Sl<T> = <T as crate::scalar::sealed::Sealed>::Portable;
    match isa {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the weights' ISA was checked supported when they were built.
        Isa::Avx512 => unsafe { x512::input_dot::<<T as crate::scalar::sealed::Sealed>::Avx512, 8>(task) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the weights' ISA was checked supported when they were built.
        Isa::Avx2 => unsafe { x2::input_dot::<<T as crate::scalar::sealed::Sealed>::Avx2, 8>(task) },
        #[cfg(target_arch = "aarch64")]
        // SAFETY: the weights' ISA was checked supported when they were built.
        Isa::Neon => unsafe { neon::input_dot::<<T as crate::scalar::sealed::Sealed>::Neon, 8>(task) },
        // SAFETY: the portable vector needs no instruction-set extension.
        _ => unsafe { super::input::dot::<Sl<T>, 4>(task) },
    }
}

/// Runs a depthwise input-gradient task on `isa`.
pub(crate) fn input_depthwise<T: Scalar>(isa: Isa, task: DepthwiseTask<'_, T>) {
    plain!(isa, T, input_depthwise, input::depthwise, (task))
}

/// Runs a kernel-gradient task on `isa` with `tile`.
pub(crate) fn weights<T: Scalar>(isa: Isa, tile: Tile, task: WeightsTask<'_, T>) {
    tiled!(isa, tile, T, weights, weights::run, task)
}

/// Runs a depthwise kernel-gradient task on `isa`.
///
/// # Safety
/// The contract of [`weights::depthwise`](super::weights::depthwise).
pub(crate) unsafe fn weights_depthwise<T: Scalar>(isa: Isa, task: DwWeightsTask<'_, T>) {
    plain!(isa, T, weights_depthwise, weights::depthwise, (task))
}

/// The bias gradient: `db[o] = sum over the `rows` rows of `dy` of `dy[row, o]`.
pub(crate) fn bias<T: Scalar>(isa: Isa, dy: &[T], rows: usize, db: &mut [T]) {
    plain!(isa, T, bias, weights::bias, (dy, rows, db))
}

/// The vectorised activation derivatives on `isa` (supported by this CPU: checked).
pub(crate) fn activation<T: Scalar>(isa: Isa, act: crate::Activation, x: &[T], y: &[T], g: &mut [T]) {
    assert!(isa.is_supported(), "{isa:?} is not supported by this CPU");
    plain!(isa, T, activation, activation::apply, (act, x, y, g))
}
