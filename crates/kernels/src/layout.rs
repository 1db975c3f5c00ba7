//! Channels-first support: transposes between `(B, C, L)` and `(B, L, C)` into scratch, so the
//! kernels only ever see channels-last.

/// Transposes one sample `src` `(rows, cols)` into `dst` `(cols, rows)`, in cache-sized blocks.
pub(crate) fn transpose<T: Copy>(src: &[T], dst: &mut [T], rows: usize, cols: usize) {
    const B: usize = 32;
    debug_assert!(src.len() == rows * cols && dst.len() == rows * cols);
    for r0 in (0..rows).step_by(B) {
        let r1 = (r0 + B).min(rows);
        for c0 in (0..cols).step_by(B) {
            let c1 = (c0 + B).min(cols);
            for c in c0..c1 {
                let d = &mut dst[c * rows + r0..c * rows + r1];
                for (r, v) in (r0..r1).zip(d) {
                    *v = src[r * cols + c];
                }
            }
        }
    }
}
