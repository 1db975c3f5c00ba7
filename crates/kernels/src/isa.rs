//! Which instruction set the kernels run on: detected once, overridable by an environment
//! variable or per weights.

use std::sync::OnceLock;

/// The environment variable that forces an instruction-set path: `avx512`, `avx2`, `neon` or
/// `portable` (case-insensitive; `avx512f`, `asimd` and `scalar` are accepted too).
///
/// A path this CPU lacks, or a name that is none of these, selects the best path this CPU has
/// ([`Isa::best`]) and prints one warning line on stderr naming the requested and the chosen
/// path. It is read once per process, by [`Isa::detected`].
pub const ISA_ENV_VAR: &str = "SHAPED_KERNEL_ISA";

/// An instruction-set path of the kernels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Isa {
    /// AVX-512F (x86-64), 512-bit vectors with FMA.
    Avx512,
    /// AVX2 and FMA (x86-64), 256-bit vectors.
    Avx2,
    /// NEON (Advanced SIMD, AArch64), 128-bit vectors with FMA and 32 registers.
    Neon,
    /// Plain Rust that LLVM vectorizes for the baseline target; every CPU, and Miri.
    Portable,
}

impl Isa {
    /// Every path, best first (each CPU supports the paths of its own architecture only).
    pub const ALL: [Isa; 4] = [Isa::Avx512, Isa::Avx2, Isa::Neon, Isa::Portable];

    /// Whether this CPU can run the path (always true for [`Isa::Portable`]).
    #[must_use]
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
            #[cfg(all(target_arch = "aarch64", not(miri)))]
            Isa::Neon => std::arch::is_aarch64_feature_detected!("neon"),
            #[cfg(not(all(target_arch = "aarch64", not(miri))))]
            Isa::Neon => false,
        }
    }

    /// This path if the CPU supports it, else [`Isa::Portable`].
    #[must_use]
    pub fn or_portable(self) -> Isa {
        if self.is_supported() {
            self
        } else {
            Isa::Portable
        }
    }

    /// The best path of this CPU, ignoring [`ISA_ENV_VAR`].
    #[must_use]
    pub fn best() -> Isa {
        Isa::ALL.into_iter().find(|isa| isa.is_supported()).unwrap_or(Isa::Portable)
    }

    /// The path new weights use: [`ISA_ENV_VAR`] if set and supported, else [`Isa::best`]
    /// (with a warning on stderr when the variable asked for something else). Read once per
    /// process and cached.
    pub fn detected() -> Isa {
        static DETECTED: OnceLock<Isa> = OnceLock::new();
        *DETECTED.get_or_init(|| {
            let requested = std::env::var(ISA_ENV_VAR).ok();
            let (isa, warning) = Isa::select(requested.as_deref(), Isa::is_supported);
            if let Some(w) = warning {
                eprintln!("{w}");
            }
            isa
        })
    }

    /// The path for a requested name (`None`: nothing requested), given which paths are
    /// supported: the named path if it is known and supported, else the best supported one,
    /// with the warning to print.
    pub fn select(requested: Option<&str>, supported: impl Fn(Isa) -> bool) -> (Isa, Option<String>) {
        let best = Isa::ALL.into_iter().find(|&i| supported(i)).unwrap_or(Isa::Portable);
        let Some(name) = requested else { return (best, None) };
        match Isa::from_name(name) {
            Some(isa) if supported(isa) => (isa, None),
            Some(isa) => (
                best,
                Some(format!(
                    "shaped-kernels: {ISA_ENV_VAR}={name:?} asks for {isa:?}, which this CPU lacks; using {best:?}"
                )),
            ),
            None => (
                best,
                Some(format!(
                    "shaped-kernels: {ISA_ENV_VAR}={name:?} is not avx512, avx2, neon or portable; using {best:?}"
                )),
            ),
        }
    }

    /// Parses `avx512`, `avx2`, `neon` or `portable` (case-insensitive).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Isa> {
        match name.trim().to_ascii_lowercase().as_str() {
            "avx512" | "avx512f" => Some(Isa::Avx512),
            "avx2" => Some(Isa::Avx2),
            "neon" | "asimd" => Some(Isa::Neon),
            "portable" | "scalar" => Some(Isa::Portable),
            _ => None,
        }
    }
}
