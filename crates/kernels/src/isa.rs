//! Which instruction set the kernels run on: detected once, overridable by an environment
//! variable or per weights.

use std::sync::OnceLock;

/// The environment variable that forces an instruction-set path: `avx512`, `avx2` or
/// `portable`. A path this CPU lacks falls back to `portable`.
pub const ISA_ENV_VAR: &str = "SHAPED_KERNEL_ISA";

/// An instruction-set path of the kernels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Isa {
    /// AVX-512F (x86-64), 512-bit vectors with FMA.
    Avx512,
    /// AVX2 and FMA (x86-64), 256-bit vectors.
    Avx2,
    /// Plain Rust that LLVM vectorizes for the baseline target; every CPU, and Miri.
    Portable,
}

impl Isa {
    /// Every path, best first.
    pub const ALL: [Isa; 3] = [Isa::Avx512, Isa::Avx2, Isa::Portable];

    /// Whether this CPU can run the path (always true for [`Isa::Portable`]).
    pub fn is_supported(self) -> bool {
        match self {
            Isa::Portable => true,
            #[cfg(all(target_arch = "x86_64", not(miri)))]
            Isa::Avx512 => std::arch::is_x86_feature_detected!("avx512f") && Isa::Avx2.is_supported(),
            #[cfg(all(target_arch = "x86_64", not(miri)))]
            Isa::Avx2 => {
                std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
            }
            #[cfg(not(all(target_arch = "x86_64", not(miri))))]
            Isa::Avx512 | Isa::Avx2 => false,
        }
    }

    /// This path if the CPU supports it, else [`Isa::Portable`].
    pub fn or_portable(self) -> Isa {
        if self.is_supported() {
            self
        } else {
            Isa::Portable
        }
    }

    /// The best path of this CPU, ignoring [`ISA_ENV_VAR`].
    pub fn best() -> Isa {
        Isa::ALL.into_iter().find(|isa| isa.is_supported()).unwrap_or(Isa::Portable)
    }

    /// The path new weights use: [`ISA_ENV_VAR`] if set (falling back to portable when
    /// unsupported or unknown), else [`Isa::best`]. Read once per process and cached.
    pub fn detected() -> Isa {
        static DETECTED: OnceLock<Isa> = OnceLock::new();
        *DETECTED.get_or_init(|| match std::env::var(ISA_ENV_VAR) {
            Ok(name) => Isa::from_name(&name).unwrap_or(Isa::Portable).or_portable(),
            Err(_) => Isa::best(),
        })
    }

    /// Parses `avx512`, `avx2` or `portable` (case-insensitive).
    pub fn from_name(name: &str) -> Option<Isa> {
        match name.trim().to_ascii_lowercase().as_str() {
            "avx512" | "avx512f" => Some(Isa::Avx512),
            "avx2" => Some(Isa::Avx2),
            "portable" | "scalar" => Some(Isa::Portable),
            _ => None,
        }
    }
}
