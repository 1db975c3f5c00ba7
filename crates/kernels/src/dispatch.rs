//! From (instruction set, tile) to the compiled kernel.

use crate::depthwise::DepthwiseTask;
use crate::gemm::GemmTask;
use crate::pack::Tile;
use crate::{Isa, Scalar};

/// Runs a register-blocked task on `isa`.
///
/// `isa` must be supported by this CPU: weights only ever hold a checked one.
pub(crate) fn gemm<T: Scalar>(isa: Isa, task: GemmTask<'_, T>) {
    debug_assert!(isa.is_supported());
    let tile = task.pack.tile;
    match isa {
        #[cfg(target_arch = "x86_64")]
        Isa::Avx512 => {
            use crate::simd::x86::avx512::gemm as k;
            // SAFETY: the weights' ISA was checked supported when they were built, so the CPU
            // has AVX-512F, AVX2 and FMA; `T::Avx512` is the AVX-512 vector type.
            unsafe {
                match tile {
                    Tile::M12N1 => k::<T::Avx512, 12, 1>(task),
                    Tile::M8N2 => k::<T::Avx512, 8, 2>(task),
                    Tile::M6N4 => k::<T::Avx512, 6, 4>(task),
                    Tile::M6N2 | Tile::M4N1 => unreachable!("tile {tile:?} is not packed for AVX-512"),
                }
            }
        }
        #[cfg(target_arch = "x86_64")]
        Isa::Avx2 => {
            use crate::simd::x86::avx2::gemm as k;
            // SAFETY: the weights' ISA was checked supported when they were built, so the CPU
            // has AVX2 and FMA; `T::Avx2` is the AVX2 vector type.
            unsafe {
                match tile {
                    Tile::M12N1 => k::<T::Avx2, 12, 1>(task),
                    Tile::M6N2 => k::<T::Avx2, 6, 2>(task),
                    Tile::M8N2 | Tile::M6N4 | Tile::M4N1 => {
                        unreachable!("tile {tile:?} is not packed for AVX2")
                    }
                }
            }
        }
        #[cfg(target_arch = "aarch64")]
        Isa::Neon => {
            use crate::simd::arm::neon::gemm as k;
            // SAFETY: the weights' ISA was checked supported when they were built, so the CPU
            // has NEON; `T::Neon` is the NEON vector type.
            unsafe {
                match tile {
                    Tile::M12N1 => k::<T::Neon, 12, 1>(task),
                    Tile::M8N2 => k::<T::Neon, 8, 2>(task),
                    Tile::M6N4 => k::<T::Neon, 6, 4>(task),
                    Tile::M6N2 | Tile::M4N1 => unreachable!("tile {tile:?} is not packed for NEON"),
                }
            }
        }
        _ => {
            debug_assert_eq!(tile, Tile::M4N1);
            // SAFETY: the portable vector needs no instruction-set extension.
            unsafe { crate::gemm::run::<T::Portable, 4, 1>(task) }
        }
    }
}

/// Runs a depthwise task on `isa` (supported by this CPU, as for [`gemm`]).
pub(crate) fn depthwise<T: Scalar>(isa: Isa, task: DepthwiseTask<'_, T>) {
    debug_assert!(isa.is_supported());
    match isa {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the weights' ISA was checked supported when they were built.
        Isa::Avx512 => unsafe { crate::simd::x86::avx512::depthwise::<T::Avx512>(task) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the weights' ISA was checked supported when they were built.
        Isa::Avx2 => unsafe { crate::simd::x86::avx2::depthwise::<T::Avx2>(task) },
        #[cfg(target_arch = "aarch64")]
        // SAFETY: the weights' ISA was checked supported when they were built.
        Isa::Neon => unsafe { crate::simd::arm::neon::depthwise::<T::Neon>(task) },
        // SAFETY: the portable vector needs no instruction-set extension.
        _ => unsafe { crate::depthwise::run::<T::Portable>(task) },
    }
}
