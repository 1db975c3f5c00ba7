//! Instruction-set names and fallbacks.

use crate::Isa;

#[test]
fn names_parse_and_unsupported_paths_fall_back() {
    assert_eq!(Isa::from_name("AVX512"), Some(Isa::Avx512));
    assert_eq!(Isa::from_name(" avx2 "), Some(Isa::Avx2));
    assert_eq!(Isa::from_name("portable"), Some(Isa::Portable));
    assert_eq!(Isa::from_name("neon"), None);
    assert!(Isa::Portable.is_supported());
    for isa in Isa::ALL {
        assert!(isa.or_portable().is_supported());
    }
    assert!(Isa::best().is_supported() && Isa::detected().is_supported());
}
