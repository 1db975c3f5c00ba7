//! A minimal, read-only HDF5 reader for exactly what h5py writes for Keras: superblocks 0-3,
//! object headers 1 and 2 (with continuation blocks), groups as symbol tables (v1 B-tree +
//! local heap) or compact link messages, contiguous, compact and chunked (v1 B-tree, no
//! filters) datasets of integers and IEEE floats, and string attributes (fixed-length or
//! variable-length through the global heap).
//!
//! Every offset and size read from the file is bounds-checked against the bytes given before
//! it is used; nothing is allocated from a size the file claims without first checking that the
//! file holds that many bytes; B-tree levels must decrease, object headers and groups already
//! visited are not visited again, and a step budget bounds the work on hostile files.

use std::cell::Cell;
use std::collections::BTreeSet;

use safetensors::Dtype;

/// The HDF5 signature, at offset 0 of every file h5py writes.
pub(crate) const SIGNATURE: &[u8; 8] = b"\x89HDF\r\n\x1a\n";

/// The largest number of object headers, B-tree nodes, heap objects and links looked at.
const BUDGET: u64 = 1_000_000;
/// HDF5's own limit on a dataspace's rank.
const MAX_RANK: usize = 32;
/// Deepest group nesting followed.
const MAX_DEPTH: usize = 64;

/// What is wrong, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct H5Error {
    /// Byte offset in the file.
    pub offset: u64,
    /// What is wrong.
    pub reason: String,
}

type R<T> = Result<T, H5Error>;

fn err<T>(offset: u64, reason: impl Into<String>) -> R<T> {
    Err(H5Error { offset, reason: reason.into() })
}

/// A bounds-checked little-endian cursor over a slice that starts at `origin` in the file.
#[derive(Clone)]
struct Cur<'a> {
    d: &'a [u8],
    pos: usize,
    origin: u64,
}

impl<'a> Cur<'a> {
    fn new(d: &'a [u8], origin: u64) -> Self {
        Self { d, pos: 0, origin }
    }

    fn at(&self) -> u64 {
        self.origin.saturating_add(self.pos as u64)
    }

    fn remaining(&self) -> usize {
        self.d.len().saturating_sub(self.pos)
    }

    fn bytes(&mut self, n: usize, what: &str) -> R<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.d.len());
        match end {
            Some(end) => {
                let s = &self.d[self.pos..end];
                self.pos = end;
                Ok(s)
            }
            None => err(
                self.at(),
                format!("{what}: needs {n} bytes, only {} left in its block", self.remaining()),
            ),
        }
    }

    fn skip(&mut self, n: usize, what: &str) -> R<()> {
        self.bytes(n, what).map(|_| ())
    }

    fn u8(&mut self, what: &str) -> R<u8> {
        Ok(self.bytes(1, what)?[0])
    }

    fn u16(&mut self, what: &str) -> R<u16> {
        Ok(self.uint(2, what)? as u16)
    }

    fn u32(&mut self, what: &str) -> R<u32> {
        Ok(self.uint(4, what)? as u32)
    }

    /// An unsigned little-endian integer of `n` (1 to 8) bytes.
    fn uint(&mut self, n: usize, what: &str) -> R<u64> {
        let b = self.bytes(n, what)?;
        Ok(b.iter().rev().fold(0u64, |a, &x| (a << 8) | u64::from(x)))
    }

    /// An integer that must fit a `usize`.
    fn size(&mut self, n: usize, what: &str) -> R<usize> {
        let at = self.at();
        let v = self.uint(n, what)?;
        usize::try_from(v).or_else(|_| err(at, format!("{what}: {v} does not fit in memory")))
    }

    fn align8(&mut self, start: usize) {
        let used = self.pos - start;
        self.pos = self.pos.saturating_add((8 - used % 8) % 8).min(self.d.len());
    }
}

/// One message of an object header.
#[derive(Clone, Copy)]
struct Msg<'a> {
    kind: u16,
    flags: u8,
    data: &'a [u8],
    origin: u64,
}

impl<'a> Msg<'a> {
    fn cur(&self) -> Cur<'a> {
        Cur::new(self.data, self.origin)
    }
}

/// A datatype this reader understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum H5Type {
    /// Integer or float, stored as the safetensors dtype, `big_endian` if so.
    Number { dtype: Dtype, size: usize, big_endian: bool },
    /// Fixed-length string of `size` bytes.
    FixedString { size: usize },
    /// Variable-length string (global heap).
    VlenString,
    /// Anything else (class number and size), kept to name it in an error.
    Other { class: u8, size: usize },
}

impl H5Type {
    fn size(&self, offset_size: usize) -> usize {
        match *self {
            H5Type::Number { size, .. } | H5Type::FixedString { size } | H5Type::Other { size, .. } => size,
            H5Type::VlenString => 4 + offset_size + 4,
        }
    }

    /// The type as an error names it.
    pub(crate) fn describe(&self) -> String {
        match self {
            H5Type::Number { dtype, .. } => format!("{dtype:?}"),
            H5Type::FixedString { size } => format!("fixed-length string of {size} bytes"),
            H5Type::VlenString => "variable-length string".to_string(),
            H5Type::Other { class, size } => {
                let name = match class {
                    0 => "integer of an unusual size or precision",
                    1 => "float of an unusual size or layout",
                    2 => "time",
                    4 => "bitfield",
                    5 => "opaque",
                    6 => "compound",
                    7 => "reference",
                    8 => "enum",
                    9 => "variable-length sequence",
                    10 => "array",
                    _ => "unknown class",
                };
                format!("HDF5 datatype class {class} ({name}), {size} bytes")
            }
        }
    }
}

/// A dataset's element type, shape and little-endian bytes.
#[derive(Clone, Debug)]
pub(crate) struct H5Dataset {
    /// Element type.
    pub dtype: H5Type,
    /// Shape (`[]` for a scalar).
    pub shape: Vec<usize>,
    /// Row-major little-endian bytes (numbers only; empty for other types).
    pub data: Vec<u8>,
}

/// One object found by [`H5File::walk`].
#[derive(Clone, Debug)]
pub(crate) struct Node {
    /// Path from the root, `/`-separated, without a leading `/`.
    pub path: String,
    /// Object header address.
    pub addr: u64,
    /// True for a group, false for a dataset (or a committed datatype).
    pub group: bool,
}

/// An HDF5 file in memory.
pub(crate) struct H5File<'a> {
    data: &'a [u8],
    base: u64,
    so: usize,
    sl: usize,
    root: u64,
    budget: Cell<u64>,
    /// Bytes that datasets may still copy out: the file's length in all (h5py stores each
    /// dataset's bytes once, so a file whose datasets share bytes is refused).
    data_left: Cell<usize>,
    /// Bytes that names and strings may still copy out (16 times the file, plus 1 MiB).
    text_left: Cell<usize>,
}

impl<'a> H5File<'a> {
    /// Parses the superblock.
    pub(crate) fn open(data: &'a [u8]) -> R<Self> {
        if data.get(..8) != Some(&SIGNATURE[..]) {
            return err(0, "no HDF5 signature at offset 0");
        }
        let mut c = Cur::new(data, 0);
        c.skip(8, "signature")?;
        let version = c.u8("superblock version")?;
        let (so, sl, base, root);
        match version {
            0 | 1 => {
                c.skip(4, "superblock versions")?;
                so = usize::from(c.u8("size of offsets")?);
                sl = usize::from(c.u8("size of lengths")?);
                check_sizes(so, sl)?;
                c.skip(1 + 2 + 2 + 4, "superblock")?;
                if version == 1 {
                    c.skip(4, "superblock")?;
                }
                base = c.uint(so, "base address")?;
                c.skip(3 * so, "superblock addresses")?;
                c.skip(so, "root link name offset")?;
                root = c.uint(so, "root object header address")?;
            }
            2 | 3 => {
                so = usize::from(c.u8("size of offsets")?);
                sl = usize::from(c.u8("size of lengths")?);
                check_sizes(so, sl)?;
                c.skip(1, "superblock flags")?;
                base = c.uint(so, "base address")?;
                c.skip(2 * so, "superblock addresses")?;
                root = c.uint(so, "root object header address")?;
            }
            v => return err(8, format!("superblock version {v}, expected 0 to 3")),
        }
        let text = data.len().saturating_mul(16).saturating_add(1 << 20);
        Ok(Self {
            data,
            base,
            so,
            sl,
            root,
            budget: Cell::new(BUDGET),
            data_left: Cell::new(data.len()),
            text_left: Cell::new(text),
        })
    }

    /// The root group's object header address.
    pub(crate) fn root(&self) -> u64 {
        self.root
    }

    fn step(&self, at: u64) -> R<()> {
        let left = self.budget.get();
        if left == 0 {
            return err(at, format!("more than {BUDGET} objects, nodes and links: not a Keras file"));
        }
        self.budget.set(left - 1);
        Ok(())
    }

    /// Copies a name or string out of the file, within the budget for text.
    fn text(&self, b: &[u8], at: u64) -> R<String> {
        let left = self.text_left.get();
        if b.len() > left {
            return err(at, "names and strings add up to more than 16 times the file: not a Keras file");
        }
        self.text_left.set(left - b.len());
        utf8(b, at)
    }

    fn undefined(&self, addr: u64) -> bool {
        self.so == 8 && addr == u64::MAX || self.so < 8 && addr == (1u64 << (8 * self.so)) - 1
    }

    /// The bytes from file address `addr` to the end of the file.
    fn from(&self, addr: u64, what: &str) -> R<Cur<'a>> {
        let abs = self.base.checked_add(addr);
        match abs.and_then(|a| usize::try_from(a).ok()).filter(|&a| a <= self.data.len()) {
            Some(a) => Ok(Cur::new(&self.data[a..], addr)),
            None => err(
                addr,
                format!("{what} at address {addr}, past the end of the {}-byte file", self.data.len()),
            ),
        }
    }

    /// `len` bytes at file address `addr`.
    fn slice(&self, addr: u64, len: usize, what: &str) -> R<&'a [u8]> {
        let mut c = self.from(addr, what)?;
        c.bytes(len, what)
    }

    /// The messages of the object header at `addr`, continuation blocks included.
    fn messages(&self, addr: u64) -> R<Vec<Msg<'a>>> {
        self.step(addr)?;
        let mut c = self.from(addr, "object header")?;
        let mut out = Vec::new();
        let mut seen = BTreeSet::new();
        let mut queue: Vec<(u64, u64)> = Vec::new();
        if c.d.starts_with(b"OHDR") {
            c.skip(4, "OHDR")?;
            let version = c.u8("object header version")?;
            if version != 2 {
                return err(addr, format!("object header version {version} after OHDR, expected 2"));
            }
            let flags = c.u8("object header flags")?;
            if flags & 0x20 != 0 {
                c.skip(16, "object header times")?;
            }
            if flags & 0x10 != 0 {
                c.skip(4, "attribute phase change")?;
            }
            let n = 1usize << (flags & 3);
            let size = c.size(n, "object header chunk size")?;
            let start = c.at();
            let chunk = c.bytes(size, "object header chunk")?;
            self.v2_messages(Cur::new(chunk, start), flags & 0x04 != 0, &mut out, &mut queue)?;
            while let Some((at, len)) = queue.pop() {
                self.step(at)?;
                if !seen.insert(at) || seen.len() > 1024 {
                    return err(at, "object header continuation blocks form a loop");
                }
                let len = usize::try_from(len).unwrap_or(usize::MAX);
                let block = self.slice(at, len, "object header continuation block")?;
                if !block.starts_with(b"OCHK") || block.len() < 8 {
                    return err(at, "object header continuation block without its OCHK signature");
                }
                let body = &block[4..block.len() - 4];
                self.v2_messages(Cur::new(body, at + 4), flags & 0x04 != 0, &mut out, &mut queue)?;
            }
        } else {
            let version = c.u8("object header version")?;
            if version != 1 {
                return err(addr, format!("object header version {version}, expected 1 (or OHDR)"));
            }
            c.skip(1 + 2 + 4, "object header")?;
            let size = c.size(4, "object header size")?;
            c.skip(4, "object header padding")?;
            let start = c.at();
            let block = c.bytes(size, "object header messages")?;
            self.v1_messages(Cur::new(block, start), &mut out, &mut queue)?;
            while let Some((at, len)) = queue.pop() {
                self.step(at)?;
                if !seen.insert(at) || seen.len() > 1024 {
                    return err(at, "object header continuation blocks form a loop");
                }
                let len = usize::try_from(len).unwrap_or(usize::MAX);
                let block = self.slice(at, len, "object header continuation block")?;
                self.v1_messages(Cur::new(block, at), &mut out, &mut queue)?;
            }
        }
        Ok(out)
    }

    fn v1_messages(&self, mut c: Cur<'a>, out: &mut Vec<Msg<'a>>, queue: &mut Vec<(u64, u64)>) -> R<()> {
        while c.remaining() >= 8 {
            let kind = c.u16("message type")?;
            let size = usize::from(c.u16("message size")?);
            let flags = c.u8("message flags")?;
            c.skip(3, "message reserved")?;
            let origin = c.at();
            let data = c.bytes(size, "message")?;
            self.push(Msg { kind, flags, data, origin }, out, queue)?;
        }
        Ok(())
    }

    fn v2_messages(
        &self,
        mut c: Cur<'a>,
        creation_order: bool,
        out: &mut Vec<Msg<'a>>,
        queue: &mut Vec<(u64, u64)>,
    ) -> R<()> {
        let header = if creation_order { 6 } else { 4 };
        while c.remaining() >= header {
            let kind = u16::from(c.u8("message type")?);
            let size = usize::from(c.u16("message size")?);
            let flags = c.u8("message flags")?;
            if creation_order {
                c.skip(2, "message creation order")?;
            }
            let origin = c.at();
            let data = c.bytes(size, "message")?;
            self.push(Msg { kind, flags, data, origin }, out, queue)?;
        }
        Ok(())
    }

    fn push(&self, m: Msg<'a>, out: &mut Vec<Msg<'a>>, queue: &mut Vec<(u64, u64)>) -> R<()> {
        if m.kind == 0x10 {
            let mut c = m.cur();
            let at = c.uint(self.so, "continuation address")?;
            let len = c.uint(self.sl, "continuation length")?;
            queue.push((at, len));
        } else if m.kind != 0 {
            out.push(m);
        }
        Ok(())
    }

    /// The named children of the group at `addr` (hard links only), or `None` if the object is
    /// not a group.
    pub(crate) fn children(&self, addr: u64) -> R<Option<Vec<(String, u64)>>> {
        let msgs = self.messages(addr)?;
        let mut group = false;
        let mut out = Vec::new();
        for m in &msgs {
            match m.kind {
                0x11 => {
                    group = true;
                    let mut c = m.cur();
                    let btree = c.uint(self.so, "symbol table B-tree address")?;
                    let heap = c.uint(self.so, "symbol table heap address")?;
                    let names = self.local_heap(heap)?;
                    self.group_btree(btree, names, None, &mut out)?;
                }
                0x02 => {
                    group = true;
                    let mut c = m.cur();
                    c.skip(1, "link info version")?;
                    let flags = c.u8("link info flags")?;
                    if flags & 1 != 0 {
                        c.skip(8, "link info creation index")?;
                    }
                    let heap = c.uint(self.so, "link info fractal heap address")?;
                    if !self.undefined(heap) {
                        return err(
                            m.origin,
                            "group with dense link storage (a fractal heap: more than 8 links written with \
                             libver='latest'), which this reader does not support; Keras writes symbol tables",
                        );
                    }
                }
                0x06 => {
                    group = true;
                    if let Some(link) = self.link(m)? {
                        out.push(link);
                    }
                }
                _ => {}
            }
        }
        Ok(group.then_some(out))
    }

    /// One link message: `(name, address)` for a hard link, `None` for soft and external ones.
    fn link(&self, m: &Msg<'a>) -> R<Option<(String, u64)>> {
        self.step(m.origin)?;
        let mut c = m.cur();
        let version = c.u8("link version")?;
        if version != 1 {
            return err(m.origin, format!("link message version {version}, expected 1"));
        }
        let flags = c.u8("link flags")?;
        let kind = if flags & 0x08 != 0 { c.u8("link type")? } else { 0 };
        if flags & 0x04 != 0 {
            c.skip(8, "link creation order")?;
        }
        if flags & 0x10 != 0 {
            c.skip(1, "link name character set")?;
        }
        let n = c.size(1 << (flags & 3), "link name length")?;
        let name = self.text(c.bytes(n, "link name")?, m.origin)?;
        if kind != 0 {
            return Ok(None);
        }
        Ok(Some((name, c.uint(self.so, "link address")?)))
    }

    /// A local heap's data segment.
    fn local_heap(&self, addr: u64) -> R<&'a [u8]> {
        self.step(addr)?;
        let mut c = self.from(addr, "local heap")?;
        if c.bytes(4, "local heap signature")? != b"HEAP" {
            return err(addr, "local heap without its HEAP signature");
        }
        c.skip(4, "local heap version")?;
        let size = c.size(self.sl, "local heap size")?;
        c.skip(self.sl, "local heap free list")?;
        let at = c.uint(self.so, "local heap data address")?;
        self.slice(at, size, "local heap data")
    }

    /// Walks a group's v1 B-tree (node type 0), collecting its symbol table entries.
    fn group_btree(
        &self,
        addr: u64,
        names: &'a [u8],
        level: Option<u8>,
        out: &mut Vec<(String, u64)>,
    ) -> R<()> {
        self.step(addr)?;
        let mut c = self.from(addr, "group B-tree node")?;
        if c.bytes(4, "B-tree signature")? != b"TREE" {
            return err(addr, "group B-tree node without its TREE signature");
        }
        let kind = c.u8("B-tree node type")?;
        let node_level = c.u8("B-tree node level")?;
        if kind != 0 {
            return err(addr, format!("B-tree node type {kind} in a group, expected 0"));
        }
        if let Some(parent) = level {
            if parent == 0 || node_level != parent - 1 {
                return err(addr, format!("B-tree node level {node_level} under a node of level {parent}"));
            }
        }
        let entries = usize::from(c.u16("B-tree entries")?);
        c.skip(2 * self.so, "B-tree siblings")?;
        c.skip(self.sl, "B-tree key")?;
        for _ in 0..entries {
            let child = c.uint(self.so, "B-tree child")?;
            c.skip(self.sl, "B-tree key")?;
            if node_level == 0 {
                self.symbol_node(child, names, out)?;
            } else {
                self.group_btree(child, names, Some(node_level), out)?;
            }
        }
        Ok(())
    }

    /// A symbol table node (SNOD): names (in the local heap) and object header addresses.
    fn symbol_node(&self, addr: u64, names: &'a [u8], out: &mut Vec<(String, u64)>) -> R<()> {
        self.step(addr)?;
        let mut c = self.from(addr, "symbol table node")?;
        if c.bytes(4, "symbol table node signature")? != b"SNOD" {
            return err(addr, "symbol table node without its SNOD signature");
        }
        c.skip(2, "symbol table node version")?;
        let n = usize::from(c.u16("symbol count")?);
        for _ in 0..n {
            self.step(addr)?;
            let at = c.at();
            let name_offset = c.size(self.so, "link name offset")?;
            let header = c.uint(self.so, "object header address")?;
            c.skip(4 + 4 + 16, "symbol table entry")?;
            let name = names.get(name_offset..).unwrap_or_default();
            let end = name.iter().position(|&b| b == 0).ok_or(H5Error {
                offset: at,
                reason: format!("link name at heap offset {name_offset} is not a terminated string"),
            })?;
            out.push((self.text(&name[..end], at)?, header));
        }
        Ok(())
    }

    /// Every group and dataset below the root, depth first, sorted by name within a group.
    pub(crate) fn walk(&self) -> R<Vec<Node>> {
        let mut out = Vec::new();
        let mut seen = BTreeSet::new();
        seen.insert(self.root);
        self.walk_from(self.root, "", 0, &mut seen, &mut out)?;
        Ok(out)
    }

    fn walk_from(
        &self,
        addr: u64,
        prefix: &str,
        depth: usize,
        seen: &mut BTreeSet<u64>,
        out: &mut Vec<Node>,
    ) -> R<()> {
        if depth > MAX_DEPTH {
            return err(addr, format!("groups nested deeper than {MAX_DEPTH}"));
        }
        let Some(mut children) = self.children(addr)? else { return Ok(()) };
        children.sort();
        for (name, child) in children {
            let path = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
            if !seen.insert(child) {
                continue; // a second link to an object already listed (or a loop)
            }
            let group = self.children(child)?.is_some();
            out.push(Node { path: path.clone(), addr: child, group });
            if group {
                self.walk_from(child, &path, depth + 1, seen, out)?;
            }
        }
        Ok(())
    }

    /// The string values of attribute `name` of the object at `addr` (`None` if absent;
    /// an empty list for an attribute with no elements, whatever its type).
    pub(crate) fn attr_strings(&self, addr: u64, name: &str) -> R<Option<Vec<String>>> {
        for m in self.messages(addr)? {
            if m.kind != 0x0C {
                continue;
            }
            let mut c = m.cur();
            let version = c.u8("attribute version")?;
            let flags = c.u8("attribute flags")?;
            let name_len = usize::from(c.u16("attribute name size")?);
            let dt_len = usize::from(c.u16("attribute datatype size")?);
            let ds_len = usize::from(c.u16("attribute dataspace size")?);
            if version == 3 {
                c.skip(1, "attribute name encoding")?;
            }
            let pad = version == 1;
            let start = c.pos;
            let raw_name = c.bytes(name_len, "attribute name")?;
            if pad {
                c.align8(start);
            }
            let attr_name = raw_name.split(|&b| b == 0).next().unwrap_or_default();
            if attr_name != name.as_bytes() {
                continue;
            }
            if !(1..=3).contains(&version) {
                return err(m.origin, format!("attribute message version {version}, expected 1 to 3"));
            }
            if version > 1 && flags & 3 != 0 {
                return err(
                    m.origin,
                    format!("attribute {name} has a shared datatype or dataspace (not supported)"),
                );
            }
            let start = c.pos;
            let dt_origin = c.at();
            let dtype = self.datatype(Cur::new(c.bytes(dt_len, "attribute datatype")?, dt_origin))?;
            if pad {
                c.align8(start);
            }
            let start = c.pos;
            let ds_origin = c.at();
            let shape = self.dataspace(Cur::new(c.bytes(ds_len, "attribute dataspace")?, ds_origin))?;
            if pad {
                c.align8(start);
            }
            let count = count_of(&shape, m.origin)?;
            if count == 0 {
                return Ok(Some(Vec::new()));
            }
            let size = dtype.size(self.so);
            let total = count.checked_mul(size).filter(|&t| t <= c.remaining());
            let Some(total) = total else {
                return err(
                    m.origin,
                    format!(
                        "attribute {name}: {count} elements of {size} bytes do not fit in its {} bytes",
                        c.remaining()
                    ),
                );
            };
            let values = c.bytes(total, "attribute data")?;
            let mut out = Vec::with_capacity(count);
            for chunk in values.chunks_exact(size.max(1)) {
                self.step(m.origin)?;
                out.push(match dtype {
                    H5Type::FixedString { .. } => {
                        let end = chunk.iter().position(|&b| b == 0).unwrap_or(chunk.len());
                        self.text(&chunk[..end], m.origin)?
                    }
                    H5Type::VlenString => self.vlen_string(chunk, m.origin)?,
                    other => {
                        return err(
                            m.origin,
                            format!("attribute {name} is a {}, expected strings", other.describe()),
                        )
                    }
                });
            }
            return Ok(Some(out));
        }
        Ok(None)
    }

    /// A variable-length string: length, global heap collection address, object index.
    fn vlen_string(&self, element: &[u8], at: u64) -> R<String> {
        let mut c = Cur::new(element, at);
        let len = c.size(4, "string length")?;
        let collection = c.uint(self.so, "global heap address")?;
        let index = c.u32("global heap index")?;
        if len == 0 {
            return Ok(String::new());
        }
        let mut h = self.from(collection, "global heap collection")?;
        if h.bytes(4, "global heap signature")? != b"GCOL" {
            return err(collection, "global heap collection without its GCOL signature");
        }
        h.skip(4, "global heap version")?;
        let size = h.size(self.sl, "global heap collection size")?;
        let body_len = size.checked_sub(8 + self.sl).ok_or(H5Error {
            offset: collection,
            reason: format!("global heap collection of {size} bytes, smaller than its header"),
        })?;
        let body_at = h.at();
        let mut body = Cur::new(h.bytes(body_len, "global heap collection")?, body_at);
        while body.remaining() >= 8 + self.sl {
            self.step(collection)?;
            let object = u32::from(body.u16("global heap object index")?);
            body.skip(6, "global heap object")?;
            let object_size = body.size(self.sl, "global heap object size")?;
            if object == 0 {
                break;
            }
            let start = body.pos;
            let data = body.bytes(object_size, "global heap object")?;
            body.align8(start);
            if object == index {
                let s = data.get(..len).ok_or(H5Error {
                    offset: at,
                    reason: format!("string of {len} bytes in a global heap object of {object_size} bytes"),
                })?;
                return self.text(s, at);
            }
        }
        err(at, format!("global heap object {index} not found in the collection at {collection}"))
    }

    /// Parses a datatype message.
    fn datatype(&self, mut c: Cur<'a>) -> R<H5Type> {
        let at = c.at();
        let class_version = c.u8("datatype class")?;
        let class = class_version & 0x0F;
        let bits = c.bytes(3, "datatype bit field")?;
        let size = c.size(4, "datatype size")?;
        Ok(match class {
            0 => {
                let big_endian = bits[0] & 1 != 0;
                let signed = bits[0] & 0x08 != 0;
                let offset = c.u16("integer bit offset")?;
                let precision = usize::from(c.u16("integer precision")?);
                let dtype = match (size, signed) {
                    (1, true) => Some(Dtype::I8),
                    (1, false) => Some(Dtype::U8),
                    (2, true) => Some(Dtype::I16),
                    (2, false) => Some(Dtype::U16),
                    (4, true) => Some(Dtype::I32),
                    (4, false) => Some(Dtype::U32),
                    (8, true) => Some(Dtype::I64),
                    (8, false) => Some(Dtype::U64),
                    _ => None,
                };
                match dtype {
                    Some(dtype) if offset == 0 && precision == 8 * size => {
                        H5Type::Number { dtype, size, big_endian }
                    }
                    _ => H5Type::Other { class, size },
                }
            }
            1 => {
                let order = (bits[0] & 1) | ((bits[0] >> 5) & 2);
                let offset = c.u16("float bit offset")?;
                let precision = usize::from(c.u16("float precision")?);
                let _exponent_at = c.u8("float exponent location")?;
                let exponent = c.u8("float exponent size")?;
                let _mantissa_at = c.u8("float mantissa location")?;
                let mantissa = c.u8("float mantissa size")?;
                let dtype = match (size, exponent, mantissa) {
                    (2, 5, 10) => Some(Dtype::F16),
                    (2, 8, 7) => Some(Dtype::BF16),
                    (4, 8, 23) => Some(Dtype::F32),
                    (8, 11, 52) => Some(Dtype::F64),
                    _ => None,
                };
                match dtype {
                    Some(dtype) if order < 2 && offset == 0 && precision == 8 * size => {
                        H5Type::Number { dtype, size, big_endian: order == 1 }
                    }
                    _ => H5Type::Other { class, size },
                }
            }
            3 => H5Type::FixedString { size },
            9 if bits[0] & 0x0F == 1 => H5Type::VlenString,
            _ if class <= 10 => H5Type::Other { class, size },
            _ => return err(at, format!("datatype class {class}, expected 0 to 10")),
        })
    }

    /// Parses a dataspace message: the shape (`[]` for a scalar or a null dataspace).
    fn dataspace(&self, mut c: Cur<'a>) -> R<Vec<usize>> {
        let at = c.at();
        let version = c.u8("dataspace version")?;
        let rank = usize::from(c.u8("dataspace rank")?);
        let _flags = c.u8("dataspace flags")?;
        match version {
            1 => c.skip(5, "dataspace reserved")?,
            2 => {
                let kind = c.u8("dataspace type")?;
                if kind == 2 {
                    return Ok(vec![0]);
                }
            }
            v => return err(at, format!("dataspace version {v}, expected 1 or 2")),
        }
        if rank > MAX_RANK {
            return err(at, format!("dataspace of rank {rank}, above HDF5's limit of {MAX_RANK}"));
        }
        (0..rank).map(|_| c.size(self.sl, "dataspace dimension")).collect()
    }

    /// The dataset at `addr`, or `None` if the object is not a dataset.
    pub(crate) fn dataset(&self, addr: u64) -> R<Option<H5Dataset>> {
        let msgs = self.messages(addr)?;
        let find = |kind: u16| msgs.iter().find(|m| m.kind == kind);
        let Some(layout) = find(0x08) else { return Ok(None) };
        let shape_msg =
            find(0x01).ok_or(H5Error { offset: addr, reason: "dataset without a dataspace".into() })?;
        let type_msg =
            find(0x03).ok_or(H5Error { offset: addr, reason: "dataset without a datatype".into() })?;
        if shape_msg.flags & 2 != 0 || type_msg.flags & 2 != 0 {
            return err(addr, "dataset with a shared (committed) datatype or dataspace: not supported");
        }
        let shape = self.dataspace(shape_msg.cur())?;
        let dtype = self.datatype(type_msg.cur())?;
        let H5Type::Number { size, big_endian, .. } = dtype else {
            return Ok(Some(H5Dataset { dtype, shape, data: Vec::new() }));
        };
        if find(0x0B).is_some() {
            return err(
                addr,
                "dataset with a filter pipeline (compression): not supported; Keras writes none",
            );
        }
        let count = count_of(&shape, addr)?;
        let total = count.checked_mul(size).ok_or(H5Error {
            offset: addr,
            reason: format!("dataset of {count} elements of {size} bytes overflows"),
        })?;
        if total > self.data.len() {
            return err(
                addr,
                format!(
                    "dataset of shape {shape:?} needs {total} bytes, more than the whole {}-byte file",
                    self.data.len()
                ),
            );
        }
        let left = self.data_left.get();
        if total > left {
            return err(
                addr,
                format!(
                    "datasets hold more bytes than the {}-byte file: bytes shared between datasets",
                    self.data.len()
                ),
            );
        }
        self.data_left.set(left - total);
        let mut data = self.layout(layout, &shape, size, total)?;
        if big_endian {
            for e in data.chunks_exact_mut(size) {
                e.reverse();
            }
        }
        Ok(Some(H5Dataset { dtype, shape, data }))
    }

    /// Reads the `total` bytes a data layout message points at.
    fn layout(&self, m: &Msg<'a>, shape: &[usize], size: usize, total: usize) -> R<Vec<u8>> {
        let mut c = m.cur();
        let version = c.u8("layout version")?;
        if !(3..=4).contains(&version) {
            return err(m.origin, format!("data layout version {version}, expected 3 or 4"));
        }
        let class = c.u8("layout class")?;
        match class {
            0 => {
                let n = usize::from(c.u16("compact data size")?);
                let bytes = c.bytes(n, "compact data")?;
                match bytes.get(..total) {
                    Some(b) if n == total => Ok(b.to_vec()),
                    _ => err(m.origin, format!("compact data of {n} bytes, the dataset needs {total}")),
                }
            }
            1 => {
                let at = c.uint(self.so, "contiguous data address")?;
                let n = c.uint(self.sl, "contiguous data size")?;
                if total == 0 {
                    return Ok(Vec::new());
                }
                if self.undefined(at) {
                    return err(m.origin, "dataset whose data was never written");
                }
                if n != total as u64 {
                    return err(m.origin, format!("contiguous data of {n} bytes, the dataset needs {total}"));
                }
                Ok(self.slice(at, total, "dataset data")?.to_vec())
            }
            2 if version == 3 => {
                let rank = usize::from(c.u8("chunk rank")?);
                let btree = c.uint(self.so, "chunk B-tree address")?;
                if rank != shape.len() + 1 {
                    return err(
                        m.origin,
                        format!("chunks of rank {rank} for a dataset of rank {}", shape.len()),
                    );
                }
                let mut chunk = Vec::with_capacity(rank);
                for _ in 0..rank {
                    chunk.push(c.size(4, "chunk dimension")?);
                }
                if chunk[rank - 1] != size || chunk.contains(&0) {
                    return err(m.origin, format!("chunk dimensions {chunk:?} for elements of {size} bytes"));
                }
                chunk.pop();
                let mut out = vec![0u8; total];
                let mut filled = 0usize;
                if total > 0 && !self.undefined(btree) {
                    self.chunk_btree(btree, None, shape, &chunk, size, &mut out, &mut filled)?;
                }
                if filled != total / size {
                    return err(
                        m.origin,
                        format!("chunks cover {filled} of the dataset's {} elements", total / size),
                    );
                }
                Ok(out)
            }
            2 => err(m.origin, "chunked dataset with a version-4 layout (libver='latest'): not supported"),
            c => err(m.origin, format!("data layout class {c}, expected 0 to 2")),
        }
    }

    /// Walks a chunk B-tree (node type 1), copying each (unfiltered) chunk into `out`.
    #[allow(clippy::too_many_arguments)]
    fn chunk_btree(
        &self,
        addr: u64,
        level: Option<u8>,
        shape: &[usize],
        chunk: &[usize],
        size: usize,
        out: &mut [u8],
        filled: &mut usize,
    ) -> R<()> {
        self.step(addr)?;
        let mut c = self.from(addr, "chunk B-tree node")?;
        if c.bytes(4, "B-tree signature")? != b"TREE" {
            return err(addr, "chunk B-tree node without its TREE signature");
        }
        let kind = c.u8("B-tree node type")?;
        let node_level = c.u8("B-tree node level")?;
        if kind != 1 {
            return err(addr, format!("B-tree node type {kind} for chunks, expected 1"));
        }
        if let Some(parent) = level {
            if parent == 0 || node_level != parent - 1 {
                return err(addr, format!("B-tree node level {node_level} under a node of level {parent}"));
            }
        }
        let entries = usize::from(c.u16("B-tree entries")?);
        c.skip(2 * self.so, "B-tree siblings")?;
        let rank = shape.len();
        let chunk_bytes = chunk
            .iter()
            .try_fold(size, |a, &d| a.checked_mul(d))
            .ok_or(H5Error { offset: addr, reason: "chunk size overflows".into() })?;
        for _ in 0..entries {
            let key_at = c.at();
            let stored = c.size(4, "chunk size")?;
            let mask = c.u32("chunk filter mask")?;
            let mut offsets = Vec::with_capacity(rank);
            for _ in 0..rank {
                offsets.push(c.size(8, "chunk offset")?);
            }
            c.skip(8, "chunk offset")?;
            let child = c.uint(self.so, "chunk address")?;
            if node_level > 0 {
                self.chunk_btree(child, Some(node_level), shape, chunk, size, out, filled)?;
                continue;
            }
            if mask != 0 || stored != chunk_bytes {
                return err(
                    key_at,
                    format!(
                        "chunk of {stored} bytes (filter mask {mask}), expected {chunk_bytes} unfiltered"
                    ),
                );
            }
            let data = self.slice(child, chunk_bytes, "chunk data")?;
            copy_chunk(data, &offsets, chunk, shape, size, out, filled, key_at)?;
        }
        Ok(())
    }
}

/// Copies one chunk (shape `chunk`, at element `offsets`) into the row-major `out`.
#[allow(clippy::too_many_arguments)]
fn copy_chunk(
    data: &[u8],
    offsets: &[usize],
    chunk: &[usize],
    shape: &[usize],
    size: usize,
    out: &mut [u8],
    filled: &mut usize,
    at: u64,
) -> R<()> {
    let rank = shape.len();
    if rank == 0 {
        return err(at, "chunked scalar dataset");
    }
    if offsets.iter().zip(chunk).any(|(&o, &c)| o % c != 0)
        || offsets.iter().zip(shape).any(|(&o, &s)| o >= s)
    {
        return err(at, format!("chunk at {offsets:?} is not on the chunk grid {chunk:?} inside {shape:?}"));
    }
    // Elements of the chunk that fall inside the dataset, along each axis.
    let inside: Vec<usize> = (0..rank).map(|i| chunk[i].min(shape[i] - offsets[i])).collect();
    let row = inside[rank - 1] * size;
    let mut index = vec![0usize; rank - 1];
    loop {
        // Source: row `index` of the chunk; destination: the same row in the dataset.
        let mut src = 0usize;
        let mut dst = 0usize;
        for i in 0..rank - 1 {
            src = src * chunk[i] + index[i];
            dst = dst * shape[i] + offsets[i] + index[i];
        }
        src = src * chunk[rank - 1] * size;
        dst = (dst * shape[rank - 1] + offsets[rank - 1]) * size;
        match (data.get(src..src + row), out.get_mut(dst..dst + row)) {
            (Some(s), Some(d)) => d.copy_from_slice(s),
            _ => return err(at, "chunk row outside the chunk or the dataset"),
        }
        *filled += inside[rank - 1];
        // Next row.
        let mut axis = rank - 1;
        loop {
            if axis == 0 {
                return Ok(());
            }
            axis -= 1;
            index[axis] += 1;
            if index[axis] < inside[axis] {
                break;
            }
            index[axis] = 0;
        }
    }
}

fn check_sizes(so: usize, sl: usize) -> R<()> {
    if [2, 4, 8].contains(&so) && [2, 4, 8].contains(&sl) {
        Ok(())
    } else {
        err(13, format!("sizes of offsets {so} and lengths {sl}, expected 2, 4 or 8"))
    }
}

fn count_of(shape: &[usize], at: u64) -> R<usize> {
    shape
        .iter()
        .try_fold(1usize, |a, &d| a.checked_mul(d))
        .ok_or(H5Error { offset: at, reason: format!("shape {shape:?} overflows its element count") })
}

fn utf8(b: &[u8], at: u64) -> R<String> {
    String::from_utf8(b.to_vec()).or_else(|_| err(at, "a name or string that is not UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_what_is_not_hdf5() {
        assert_eq!(
            H5File::open(b"PK\x03\x04").err().map(|e| e.reason),
            Some("no HDF5 signature at offset 0".into())
        );
        let mut b = SIGNATURE.to_vec();
        b.push(7);
        assert_eq!(
            H5File::open(&b).err().map(|e| e.reason),
            Some("superblock version 7, expected 0 to 3".into())
        );
        b.truncate(8);
        b.push(0);
        let e = H5File::open(&b).err().expect("truncated");
        assert_eq!(e.reason, "superblock versions: needs 4 bytes, only 0 left in its block");
    }

    #[test]
    fn chunk_rows_land_in_place() {
        // A (3, 5) dataset of u8 in (2, 2) chunks: the chunk at (2, 4) holds one element.
        let mut out = vec![0u8; 15];
        let mut filled = 0;
        copy_chunk(&[9, 8, 7, 6], &[2, 4], &[2, 2], &[3, 5], 1, &mut out, &mut filled, 0).expect("copy");
        assert_eq!(filled, 1);
        assert_eq!(out[14], 9);
        copy_chunk(&[1, 2, 3, 4], &[0, 2], &[2, 2], &[3, 5], 1, &mut out, &mut filled, 0).expect("copy");
        assert_eq!(&out[..10], &[0, 0, 1, 2, 0, 0, 0, 3, 4, 0]);
        assert!(copy_chunk(&[1, 2, 3, 4], &[1, 2], &[2, 2], &[3, 5], 1, &mut out, &mut filled, 0).is_err());
    }
}
