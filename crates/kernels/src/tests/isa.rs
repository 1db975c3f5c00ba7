//! Instruction-set names and fallbacks.

use crate::Isa;

#[test]
fn names_parse_and_unsupported_paths_fall_back() {
    assert_eq!(Isa::from_name("AVX512"), Some(Isa::Avx512));
    assert_eq!(Isa::from_name(" avx2 "), Some(Isa::Avx2));
    assert_eq!(Isa::from_name("Neon"), Some(Isa::Neon));
    assert_eq!(Isa::from_name("asimd"), Some(Isa::Neon));
    assert_eq!(Isa::from_name("portable"), Some(Isa::Portable));
    assert_eq!(Isa::from_name("sve"), None);
    assert!(Isa::Portable.is_supported());
    for isa in Isa::ALL {
        assert!(isa.or_portable().is_supported());
    }
    assert!(Isa::best().is_supported() && Isa::detected().is_supported());
}

#[test]
fn each_architecture_runs_its_own_paths_only() {
    let arm = cfg!(all(target_arch = "aarch64", not(miri)));
    let x86 = cfg!(all(target_arch = "x86_64", not(miri)));
    assert_eq!(Isa::Neon.is_supported(), arm, "NEON is in every AArch64 CPU, and in no other");
    if !x86 {
        assert!(!Isa::Avx512.is_supported() && !Isa::Avx2.is_supported());
    }
    if arm {
        assert_eq!(Isa::best(), Isa::Neon);
        assert!(super::support::isas().contains(&Isa::Neon), "the unit tests run the NEON path");
    }
}

/// `REGISTERS` of `T`'s vector on `isa`.
fn registers<T: crate::Scalar>(isa: Isa) -> usize {
    use crate::simd::Simd;
    match isa {
        Isa::Avx512 => <T::Avx512 as Simd>::REGISTERS,
        Isa::Avx2 => <T::Avx2 as Simd>::REGISTERS,
        Isa::Neon => <T::Neon as Simd>::REGISTERS,
        _ => <T::Portable as Simd>::REGISTERS,
    }
}

#[test]
fn every_tile_fits_the_registers_of_its_path() {
    use crate::pack::{lanes, Tile};
    fn check<T: crate::Scalar>() {
        for isa in super::support::isas() {
            let l = lanes::<T>(isa);
            for fog in 1..=5 * l {
                let t = Tile::choose(isa, l, fog);
                // The accumulators, one vector of filters per column and the broadcast input.
                let live = t.mr() * t.nv() + t.nv() + 1;
                assert!(live <= registers::<T>(isa), "{isa:?}: {t:?} needs {live} registers");
            }
        }
    }
    check::<f32>();
    check::<f64>();
}
