//! Weight packing for the register-blocked kernel, done once when the weights are built.
//!
//! Per group and per block of `nr` filters, the kernel `(K, Cin/groups, filters)` is stored as
//! `(K * Cin/groups, nr)`: one contiguous run of `nr` filter values per reduction step, zero
//! padded past the group's last filter, and starting on a 64-byte boundary.

use crate::simd::Simd;
use crate::{Conv1dSpec, Isa, Scalar};

/// Tile shape of the register-blocked kernel: `MR` output positions × `NV` vectors of filters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tile {
    /// 12 positions × 1 vector.
    M12N1,
    /// 8 positions × 2 vectors.
    M8N2,
    /// 6 positions × 2 vectors.
    M6N2,
    /// 6 positions × 4 vectors.
    M6N4,
    /// 4 positions × 1 vector.
    M4N1,
}

impl Tile {
    /// The tile for `fog` filters per group on `isa` with `lanes`-wide vectors.
    ///
    /// AVX-512 and NEON have 32 vector registers: up to 24 accumulators plus the filter vectors
    /// and a broadcast; AVX2 has 16.
    pub(crate) fn choose(isa: Isa, lanes: usize, fog: usize) -> Tile {
        match isa {
            Isa::Avx512 | Isa::Neon if fog <= lanes => Tile::M12N1,
            Isa::Avx512 | Isa::Neon if fog <= 2 * lanes => Tile::M8N2,
            Isa::Avx512 | Isa::Neon => Tile::M6N4,
            Isa::Avx2 if fog <= lanes => Tile::M12N1,
            Isa::Avx2 => Tile::M6N2,
            Isa::Portable => Tile::M4N1,
        }
    }

    /// Output positions per tile.
    pub(crate) fn mr(self) -> usize {
        match self {
            Tile::M12N1 => 12,
            Tile::M8N2 => 8,
            Tile::M6N2 | Tile::M6N4 => 6,
            Tile::M4N1 => 4,
        }
    }

    /// Vectors of filters per tile.
    pub(crate) fn nv(self) -> usize {
        match self {
            Tile::M12N1 | Tile::M4N1 => 1,
            Tile::M8N2 | Tile::M6N2 => 2,
            Tile::M6N4 => 4,
        }
    }
}

/// Lanes of `T`'s vector on `isa`.
pub(crate) fn lanes<T: Scalar>(isa: Isa) -> usize {
    match isa {
        Isa::Avx512 => <T::Avx512 as Simd>::LANES,
        Isa::Avx2 => <T::Avx2 as Simd>::LANES,
        Isa::Neon => <T::Neon as Simd>::LANES,
        Isa::Portable => <T::Portable as Simd>::LANES,
    }
}

/// Packed kernel and bias of the register-blocked path.
#[derive(Debug)]
pub(crate) struct GemmPack<T> {
    /// The tile the packing was made for.
    pub tile: Tile,
    /// Filters per block (`tile.nv() * lanes`).
    pub nr: usize,
    /// Blocks per group.
    pub nfb: usize,
    /// Reduction steps per output: `K * Cin/groups`.
    pub red: usize,
    buf: Vec<T>,
    off: usize,
    bias: Vec<T>,
}

impl<T: Scalar> GemmPack<T> {
    /// Packs a Keras-layout kernel for `isa`.
    pub(crate) fn new(spec: &Conv1dSpec, kernel: &[T], bias: Option<&[T]>, isa: Isa) -> Self {
        let lanes = lanes::<T>(isa);
        let (fog, cig) = (spec.filters_per_group(), spec.channels_per_group());
        let tile = Tile::choose(isa, lanes, fog);
        let nr = tile.nv() * lanes;
        let nfb = fog.div_ceil(nr);
        let red = spec.kernel_size * cig;
        let align = 64 / core::mem::size_of::<T>();
        let len = spec.groups * nfb * red * nr;
        let buf = vec![T::zero(); len + align];
        let off = buf.as_ptr().align_offset(64).min(align);
        let bias_out = vec![T::zero(); spec.groups * nfb * nr];
        let mut pack = GemmPack { tile, nr, nfb, red, buf, off, bias: bias_out };
        pack.fill(spec, kernel, bias);
        pack
    }

    /// Rewrites the packed kernel and bias from a Keras-layout kernel of the same spec, in
    /// place: no allocation (the zero padding lanes stay zero).
    pub(crate) fn fill(&mut self, spec: &Conv1dSpec, kernel: &[T], bias: Option<&[T]>) {
        let (f, fog) = (spec.filters, spec.filters_per_group());
        let (nr, nfb, red, off) = (self.nr, self.nfb, self.red, self.off);
        for g in 0..spec.groups {
            for fb in 0..nfb {
                let blk = (g * nfb + fb) * red * nr + off;
                for lane in 0..nr.min(fog - fb * nr) {
                    let o = g * fog + fb * nr + lane;
                    for r in 0..red {
                        self.buf[blk + r * nr + lane] = kernel[r * f + o];
                    }
                    self.bias[(g * nfb + fb) * nr + lane] = bias.map_or(T::zero(), |b| b[o]);
                }
            }
        }
    }

    /// The packed `(red, nr)` block of filters `fb` of group `g`.
    pub(crate) fn block(&self, g: usize, fb: usize) -> &[T] {
        let start = self.off + (g * self.nfb + fb) * self.red * self.nr;
        &self.buf[start..start + self.red * self.nr]
    }

    /// The `nr` biases of block `fb` of group `g` (zero past the group's filters).
    pub(crate) fn bias_block(&self, g: usize, fb: usize) -> &[T] {
        let start = (g * self.nfb + fb) * self.nr;
        &self.bias[start..start + self.nr]
    }
}

impl<T: Clone> Clone for GemmPack<T> {
    /// Copies the packing, re-aligning it to 64 bytes in the new buffer.
    fn clone(&self) -> Self {
        let total = self.buf.len();
        let len = total - (64 / core::mem::size_of::<T>());
        let mut buf: Vec<T> = Vec::with_capacity(total);
        let off = buf.as_ptr().align_offset(64).min(total - len);
        let fill = &self.buf[0];
        buf.extend((0..off).map(|_| fill.clone()));
        buf.extend_from_slice(&self.buf[self.off..self.off + len]);
        buf.extend((buf.len()..total).map(|_| fill.clone()));
        GemmPack { buf, off, bias: self.bias.clone(), ..*self }
    }
}
