//! The standard-library modules apy provides, implemented in Rust (a file
//! per module). Scripts can import only these.

use std::rc::Rc;

use crate::builtins::awaitables::{AwaitPlan, FutureOps};
use crate::eval::{Args, PyResult, Vm};
use crate::value::object::Layout;
use crate::value::{NativeObject, Type, Value};

pub mod abc;
pub mod asyncio;
pub mod clock;
pub mod collections;
pub mod functools;
pub mod itertools;
pub mod math;
pub mod operator;
pub mod random;
pub mod time;
pub mod timefmt;

/// Creates module `name`, or `None` if apy has no such module.
pub fn create_module(vm: &Vm, name: &str) -> PyResult<Option<Value>> {
    Ok(Some(match name {
        "asyncio" => asyncio::module(vm)?,
        "time" => time_module(vm)?,
        "math" => math::module(vm),
        "itertools" => itertools::module(vm),
        "_functools" => functools::module(vm),
        "functools" => py_module(vm, name, include_str!("py/functools.py"))?,
        "_collections" => collections::module(vm),
        "collections" => py_module(vm, name, include_str!("py/collections.py"))?,
        "dataclasses" => py_module(vm, name, include_str!("py/dataclasses.py"))?,
        "copy" => py_module(vm, name, include_str!("py/copy.py"))?,
        "typing" => py_module(vm, name, include_str!("py/typing.py"))?,
        "operator" | "_operator" => operator::module(vm),
        "string" => py_module(vm, name, include_str!("py/string.py"))?,
        "contextlib" => py_module(
            vm,
            name,
            concat!(
                include_str!("py/contextlib.py"),
                include_str!("py/contextlib_async.py")
            ),
        )?,
        "enum" => py_module(vm, name, include_str!("py/enum.py"))?,
        "heapq" => py_module(vm, name, include_str!("py/heapq.py"))?,
        "bisect" => py_module(vm, name, include_str!("py/bisect.py"))?,
        "_random" => random::module(vm),
        "random" => py_module(vm, name, include_str!("py/random.py"))?,
        "keyword" => py_module(vm, name, include_str!("py/keyword.py"))?,
        "abc" => py_module(vm, name, include_str!("py/abc.py"))?,
        "_collections_abc" | "collections.abc" => {
            let m = vm.modules.borrow().get("_collections_abc").cloned();
            match m {
                Some(m) => m,
                None => {
                    let m =
                        py_module(vm, "collections.abc", include_str!("py/collections_abc.py"))?;
                    vm.modules
                        .borrow_mut()
                        .insert("_collections_abc".to_owned(), m.clone());
                    m
                }
            }
        }
        _ => {
            // A module CPython has but apy does not: running on would
            // print something CPython would not.
            let top = name.split('.').next().unwrap_or(name);
            if CPYTHON_STDLIB.binary_search(&top).is_ok() {
                return Err(vm.unsupported(format!("the standard-library module '{name}'")));
            }
            return Ok(None);
        }
    }))
}

/// `time`: the native clock functions plus the calendar functions of
/// `py/time.py`, which run with the native ones (and `timefmt.rs`'s
/// primitives) already defined.
fn time_module(vm: &Vm) -> PyResult<Value> {
    let Value::Module(native) = time::module(vm) else {
        return Err(vm.new_exc(crate::eval::ExcKind::SystemError, "time module"));
    };
    timefmt::install(&native);
    let names: Vec<(String, Value)> = native
        .dict
        .borrow()
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.clone()))
        .collect();
    let native = names.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    py_module_with(vm, "time", include_str!("py/time.py"), native)
}

/// Is `top` (a top-level module name) part of CPython 3.11's standard
/// library?
pub fn is_cpython_stdlib(top: &str) -> bool {
    CPYTHON_STDLIB.binary_search(&top).is_ok()
}

/// CPython 3.11's `sys.stdlib_module_names` (sorted).
pub const CPYTHON_STDLIB: &[&str] = &[
    "__future__",
    "_abc",
    "_aix_support",
    "_ast",
    "_asyncio",
    "_bisect",
    "_blake2",
    "_bootsubprocess",
    "_bz2",
    "_codecs",
    "_codecs_cn",
    "_codecs_hk",
    "_codecs_iso2022",
    "_codecs_jp",
    "_codecs_kr",
    "_codecs_tw",
    "_collections",
    "_collections_abc",
    "_compat_pickle",
    "_compression",
    "_contextvars",
    "_crypt",
    "_csv",
    "_ctypes",
    "_curses",
    "_curses_panel",
    "_datetime",
    "_dbm",
    "_decimal",
    "_elementtree",
    "_frozen_importlib",
    "_frozen_importlib_external",
    "_functools",
    "_gdbm",
    "_hashlib",
    "_heapq",
    "_imp",
    "_io",
    "_json",
    "_locale",
    "_lsprof",
    "_lzma",
    "_markupbase",
    "_md5",
    "_msi",
    "_multibytecodec",
    "_multiprocessing",
    "_opcode",
    "_operator",
    "_osx_support",
    "_overlapped",
    "_pickle",
    "_posixshmem",
    "_posixsubprocess",
    "_py_abc",
    "_pydecimal",
    "_pyio",
    "_queue",
    "_random",
    "_scproxy",
    "_sha1",
    "_sha256",
    "_sha3",
    "_sha512",
    "_signal",
    "_sitebuiltins",
    "_socket",
    "_sqlite3",
    "_sre",
    "_ssl",
    "_stat",
    "_statistics",
    "_string",
    "_strptime",
    "_struct",
    "_symtable",
    "_thread",
    "_threading_local",
    "_tkinter",
    "_tokenize",
    "_tracemalloc",
    "_typing",
    "_uuid",
    "_warnings",
    "_weakref",
    "_weakrefset",
    "_winapi",
    "_zoneinfo",
    "abc",
    "aifc",
    "antigravity",
    "argparse",
    "array",
    "ast",
    "asynchat",
    "asyncio",
    "asyncore",
    "atexit",
    "audioop",
    "base64",
    "bdb",
    "binascii",
    "bisect",
    "builtins",
    "bz2",
    "cProfile",
    "calendar",
    "cgi",
    "cgitb",
    "chunk",
    "cmath",
    "cmd",
    "code",
    "codecs",
    "codeop",
    "collections",
    "colorsys",
    "compileall",
    "concurrent",
    "configparser",
    "contextlib",
    "contextvars",
    "copy",
    "copyreg",
    "crypt",
    "csv",
    "ctypes",
    "curses",
    "dataclasses",
    "datetime",
    "dbm",
    "decimal",
    "difflib",
    "dis",
    "distutils",
    "doctest",
    "email",
    "encodings",
    "ensurepip",
    "enum",
    "errno",
    "faulthandler",
    "fcntl",
    "filecmp",
    "fileinput",
    "fnmatch",
    "fractions",
    "ftplib",
    "functools",
    "gc",
    "genericpath",
    "getopt",
    "getpass",
    "gettext",
    "glob",
    "graphlib",
    "grp",
    "gzip",
    "hashlib",
    "heapq",
    "hmac",
    "html",
    "http",
    "idlelib",
    "imaplib",
    "imghdr",
    "imp",
    "importlib",
    "inspect",
    "io",
    "ipaddress",
    "itertools",
    "json",
    "keyword",
    "lib2to3",
    "linecache",
    "locale",
    "logging",
    "lzma",
    "mailbox",
    "mailcap",
    "marshal",
    "math",
    "mimetypes",
    "mmap",
    "modulefinder",
    "msilib",
    "msvcrt",
    "multiprocessing",
    "netrc",
    "nis",
    "nntplib",
    "nt",
    "ntpath",
    "nturl2path",
    "numbers",
    "opcode",
    "operator",
    "optparse",
    "os",
    "ossaudiodev",
    "pathlib",
    "pdb",
    "pickle",
    "pickletools",
    "pipes",
    "pkgutil",
    "platform",
    "plistlib",
    "poplib",
    "posix",
    "posixpath",
    "pprint",
    "profile",
    "pstats",
    "pty",
    "pwd",
    "py_compile",
    "pyclbr",
    "pydoc",
    "pydoc_data",
    "pyexpat",
    "queue",
    "quopri",
    "random",
    "re",
    "readline",
    "reprlib",
    "resource",
    "rlcompleter",
    "runpy",
    "sched",
    "secrets",
    "select",
    "selectors",
    "shelve",
    "shlex",
    "shutil",
    "signal",
    "site",
    "smtpd",
    "smtplib",
    "sndhdr",
    "socket",
    "socketserver",
    "spwd",
    "sqlite3",
    "sre_compile",
    "sre_constants",
    "sre_parse",
    "ssl",
    "stat",
    "statistics",
    "string",
    "stringprep",
    "struct",
    "subprocess",
    "sunau",
    "symtable",
    "sys",
    "sysconfig",
    "syslog",
    "tabnanny",
    "tarfile",
    "telnetlib",
    "tempfile",
    "termios",
    "textwrap",
    "this",
    "threading",
    "time",
    "timeit",
    "tkinter",
    "token",
    "tokenize",
    "tomllib",
    "trace",
    "traceback",
    "tracemalloc",
    "tty",
    "turtle",
    "turtledemo",
    "types",
    "typing",
    "unicodedata",
    "unittest",
    "urllib",
    "uu",
    "uuid",
    "venv",
    "warnings",
    "wave",
    "weakref",
    "webbrowser",
    "winreg",
    "winsound",
    "wsgiref",
    "xdrlib",
    "xml",
    "xmlrpc",
    "zipapp",
    "zipfile",
    "zipimport",
    "zlib",
    "zoneinfo",
];

/// Creates a module from Python source embedded in apy (`src/stdlib/py/`):
/// the source runs in a fresh namespace, whose names become the module's
/// attributes. The source can use the private helpers of [`helpers`]
/// (names starting with `_apy_`, not exported).
pub fn py_module(vm: &Vm, name: &str, source: &str) -> PyResult<Value> {
    py_module_with(vm, name, source, Vec::new())
}

/// Like [`py_module`], with native names defined before the source runs.
pub fn py_module_with(
    vm: &Vm,
    name: &str,
    source: &str,
    native: Vec<(&str, Value)>,
) -> PyResult<Value> {
    let globals = Rc::new(crate::eval::Globals::default());
    globals.set(crate::intern::known::__name__, Value::str(name));
    for (k, f) in helpers() {
        globals.set(
            crate::intern::Sym::new(k),
            crate::builtins::builtin_fn(k, f),
        );
    }
    for (k, v) in native {
        globals.set(crate::intern::Sym::new(k), v);
    }
    let file = vm.add_source(&format!("<frozen {name}>"), Rc::from(source));
    let module = compile_cached(vm, name, source, &globals)?;
    // Functions keep their own definitions alive (`Rc<FunctionDef>`).
    let mut frame = crate::eval::Frame::module(globals.clone(), file);
    match crate::eval::stmt::exec_block(vm, &mut frame, &module.body) {
        Ok(()) => {}
        Err(crate::eval::Flow::Exc(e)) => return Err(e),
        Err(_) => {}
    }
    let m = crate::builtins::new_module(name);
    {
        let slots = globals.slots.borrow();
        let mut dict = m.dict.borrow_mut();
        for (i, n) in globals.names.borrow().iter().enumerate() {
            if n.as_str().starts_with("_apy_") {
                continue;
            }
            if let Some(v) = slots.get(i)
                && !matches!(v, Value::Unbound)
            {
                dict.insert(*n, v.clone());
            }
        }
    }
    Ok(Value::Module(m))
}

/// An embedded module compiled once: its source, its tree, and the global
/// names its resolution created, in order.
type CompiledModule = (Rc<str>, Rc<crate::ast::Module>, Vec<crate::intern::Sym>);

thread_local! {
    /// Embedded modules already parsed and resolved on this thread, with
    /// the global names their resolution created (in order): interpreters
    /// created one after another (the sessions of `apy check`) share the
    /// tree instead of parsing the same source again. The tree holds no
    /// per-interpreter state; its global slots are indices into a module
    /// namespace laid out the same way each time.
    static COMPILED: std::cell::RefCell<rustc_hash::FxHashMap<String, CompiledModule>> =
        Default::default();
}

/// Parses and resolves an embedded module's source against `globals`, or
/// reuses this thread's earlier result for the same source.
fn compile_cached(
    vm: &Vm,
    name: &str,
    source: &str,
    globals: &crate::eval::Globals,
) -> PyResult<Rc<crate::ast::Module>> {
    let prefix: Vec<crate::intern::Sym> = globals.names.borrow().clone();
    let hit = COMPILED.with(|c| c.borrow().get(name).cloned());
    if let Some((text, module, names)) = hit
        && *text == *source
        && names.starts_with(&prefix)
    {
        for n in &names[prefix.len()..] {
            globals.slot_for(*n);
        }
        return Ok(module);
    }
    let (module, _) = crate::run::compile(source, globals, Default::default()).map_err(|e| {
        vm.new_exc(
            crate::eval::ExcKind::SystemError,
            format!("apy's built-in module {name} does not compile: {e:?}"),
        )
    })?;
    let module = Rc::new(module);
    let names = globals.names.borrow().clone();
    COMPILED.with(|c| {
        c.borrow_mut()
            .insert(name.to_owned(), (Rc::from(source), module.clone(), names))
    });
    Ok(module)
}

/// Compiles and runs `source` in `globals` (registered as `filename` for
/// tracebacks).
fn run_source(
    vm: &Vm,
    globals: &Rc<crate::eval::Globals>,
    filename: &str,
    source: &str,
) -> PyResult<()> {
    // Generated from names a program chose (e.g. `__annotations__`
    // entries that are not identifiers): CPython's generated code, and so
    // its error, would differ.
    let (module, _) = crate::run::compile(source, globals, Default::default()).map_err(|_| {
        vm.unsupported(format!("generated code ({filename}) that does not compile"))
    })?;
    let file = vm.add_source(filename, Rc::from(source));
    let mut frame = crate::eval::Frame::module(globals.clone(), file);
    match crate::eval::stmt::exec_block(vm, &mut frame, &module.body) {
        Ok(()) => Ok(()),
        Err(crate::eval::Flow::Exc(e)) => Err(e),
        Err(_) => Ok(()),
    }
}

/// The private functions available to apy's Python-source modules.
fn helpers() -> [(&'static str, crate::value::func::NativeFn); 9] {
    [
        ("_apy_class_hooks", helper_class_hooks),
        ("_apy_structural", helper_structural),
        ("_apy_mark_abc", helper_mark_abc),
        ("_apy_isidentifier", helper_isidentifier),
        ("_apy_exec", helper_exec),
        ("_apy_make_class", helper_make_class),
        ("_apy_register", helper_register),
        ("_apy_unsupported", helper_unsupported),
        ("_apy_is_tuple_like", helper_is_tuple_like),
    ]
}

/// `_apy_exec(source, namespace)`: runs generated source (e.g. a
/// dataclass `__init__`) with `namespace` (a dict with string keys) as its
/// globals; the names it defines are written back to `namespace`.
fn helper_exec(vm: &Vm, args: Args) -> PyResult<Value> {
    let (Some(Value::Str(src)), Some(Value::Dict(ns))) = (args.pos.first(), args.pos.get(1)) else {
        return Err(vm.type_error("_apy_exec(source, namespace)"));
    };
    let globals = Rc::new(crate::eval::Globals::default());
    for (k, v) in ns.items() {
        if let Value::Str(k) = k {
            globals.set(crate::intern::Sym::new(k.as_str()), v);
        }
    }
    run_source(vm, &globals, "<string>", src.as_str())?;
    let slots = globals.slots.borrow().clone();
    for (i, n) in globals.names.borrow().iter().enumerate() {
        if let Some(v) = slots.get(i)
            && !matches!(v, Value::Unbound)
        {
            ns.set(vm, Value::str(n.as_str()), v.clone())?;
        }
    }
    Ok(Value::None)
}

/// `_apy_make_class(name, bases, namespace, qualname)`: `type(name, bases,
/// namespace)` (the module comes from `namespace['__module__']`).
fn helper_make_class(vm: &Vm, args: Args) -> PyResult<Value> {
    let (Some(Value::Str(name)), Some(bases), Some(Value::Dict(ns))) =
        (args.pos.first(), args.pos.get(1), args.pos.get(2))
    else {
        return Err(vm.type_error("_apy_make_class(name, bases, namespace, qualname)"));
    };
    let qualname = match args.pos.get(3) {
        Some(Value::Str(q)) => q.as_str().to_owned(),
        _ => name.as_str().to_owned(),
    };
    make_class(vm, name.as_str(), &qualname, bases, ns).map(Value::Type)
}

/// `type(name, bases, namespace)`: a class from a namespace dict.
pub fn make_class(
    vm: &Vm,
    name: &str,
    qualname: &str,
    bases: &Value,
    ns: &PyDictRef,
) -> PyResult<Rc<Type>> {
    let mut base_types = Vec::new();
    for b in crate::eval::iter::collect(vm, bases)? {
        match b {
            Value::Type(t) => base_types.push(t),
            other => {
                return Err(vm.type_error(format!(
                    "bases must be types, not {}",
                    crate::eval::protocol::type_name(vm, &other)
                )));
            }
        }
    }
    let mut dict = crate::value::object::AttrMap::default();
    for (k, v) in ns.items() {
        if let Value::Str(k) = k {
            dict.insert(crate::intern::Sym::new(k.as_str()), v);
        }
    }
    let module = match dict.get(&crate::intern::known::__module__) {
        Some(Value::Str(m)) => m.as_str().to_owned(),
        _ => "__main__".to_owned(),
    };
    dict.entry(crate::intern::known::__qualname__)
        .or_insert_with(|| Value::str(qualname));
    let class = crate::eval::class::new_class(vm, name, qualname, &module, base_types, dict)?;
    // `__init_subclass__` of the nearest base that defines it, as `type()`
    // calls it.
    for t in class.mro.iter() {
        let found = t
            .dict
            .borrow()
            .get(&crate::intern::known::__init_subclass__)
            .cloned();
        match found {
            Some(Value::Builtin(_)) => break,
            Some(f @ Value::Function(_)) => {
                crate::eval::call::call(vm, &f, Args::new([Value::Type(class.clone())]))?;
                break;
            }
            Some(f @ Value::Native(_)) => {
                let bound = crate::eval::attr::descr_get(vm, &f, None, &class)?;
                crate::eval::call::call(vm, &bound, Args::default())?;
                break;
            }
            Some(_) => break,
            None => {}
        }
    }
    Ok(class)
}

/// A shared dict.
pub type PyDictRef = Rc<crate::value::PyDict>;

/// `_apy_register(cls, subclass)`: makes `subclass` a virtual subclass of
/// `cls` (`abc` registration; `tuple` for named tuples).
fn helper_register(vm: &Vm, args: Args) -> PyResult<Value> {
    let (Some(Value::Type(cls)), Some(Value::Type(sub))) = (args.pos.first(), args.pos.get(1))
    else {
        return Err(vm.type_error("_apy_register(cls, subclass)"));
    };
    abc::register(cls, sub);
    Ok(Value::None)
}

/// `_apy_structural(cls, method_names)`: instances of classes defining
/// all of `method_names` count as instances of `cls`.
fn helper_structural(vm: &Vm, args: Args) -> PyResult<Value> {
    let (Some(Value::Type(cls)), Some(names)) = (args.pos.first(), args.pos.get(1)) else {
        return Err(vm.type_error("_apy_structural(cls, names)"));
    };
    let names = crate::eval::iter::collect(vm, names)?
        .iter()
        .filter_map(|n| n.as_str().map(crate::intern::Sym::new))
        .collect();
    abc::register_structural(cls, names);
    Ok(Value::None)
}

/// `_apy_mark_abc(cls)`: `cls` was made by `ABCMeta` (abstract methods
/// prevent instantiation).
fn helper_mark_abc(vm: &Vm, args: Args) -> PyResult<Value> {
    let Some(Value::Type(cls)) = args.pos.first() else {
        return Err(vm.type_error("_apy_mark_abc(cls)"));
    };
    abc::mark_abc(cls);
    Ok(args.pos[0].clone())
}

/// `_apy_class_hooks(cls)`: `cls` and its subclasses define class-level
/// behaviour (what a metaclass would) through `__apy_class_call__`,
/// `__apy_class_iter__`, `__apy_class_len__`, `__apy_class_contains__` and
/// `__apy_class_repr__` (used by `enum`).
fn helper_class_hooks(vm: &Vm, args: Args) -> PyResult<Value> {
    let Some(Value::Type(cls)) = args.pos.first() else {
        return Err(vm.type_error("_apy_class_hooks(cls)"));
    };
    CLASS_HOOKS.with(|h| h.borrow_mut().push(cls.clone()));
    Ok(args.pos[0].clone())
}

thread_local! {
    /// Classes whose subclasses have class-level hooks.
    static CLASS_HOOKS: std::cell::RefCell<Vec<Rc<Type>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A class-level operation a metaclass would customize.
#[derive(Clone, Copy)]
pub enum ClassOp {
    /// `cls(...)`
    Call,
    /// `iter(cls)`
    Iter,
    /// `len(cls)`
    Len,
    /// `x in cls`
    Contains,
    /// `repr(cls)`
    Repr,
}

/// Does `t` (or a base) define class-level hooks (`_apy_class_hooks`)?
pub fn has_class_hooks(t: &Rc<Type>) -> bool {
    CLASS_HOOKS.with(|h| {
        let h = h.borrow();
        !h.is_empty() && t.mro_iter().any(|c| h.iter().any(|x| Rc::ptr_eq(x, c)))
    })
}

/// Runs the class-level hook `op` of `t` (the evaluator calls this for
/// operations on class objects); `None` when `t` has none.
pub fn class_hook(
    vm: &Vm,
    t: &Rc<Type>,
    op: ClassOp,
    args: &[Value],
    kw: &[(crate::intern::Sym, Value)],
) -> PyResult<Option<Value>> {
    if !has_class_hooks(t) {
        return Ok(None);
    }
    let name = match op {
        ClassOp::Call => "__apy_class_call__",
        ClassOp::Iter => "__apy_class_iter__",
        ClassOp::Len => "__apy_class_len__",
        ClassOp::Contains => "__apy_class_contains__",
        ClassOp::Repr => "__apy_class_repr__",
    };
    let Some(f) = t.lookup(crate::intern::Sym::new(name)) else {
        return Ok(None);
    };
    let mut all = Args::with_kw([Value::Type(t.clone())], kw.to_vec());
    all.pos.extend(args.iter().cloned());
    crate::eval::call::call(vm, &f, all).map(Some)
}

/// `_apy_unsupported(what)`: stops with an `apy::unsupported` diagnostic.
fn helper_unsupported(vm: &Vm, args: Args) -> PyResult<Value> {
    let what = match args.pos.first() {
        Some(Value::Str(s)) => s.as_str().to_owned(),
        _ => "this feature".to_owned(),
    };
    Err(vm.unsupported(what))
}

/// `_apy_isidentifier(s)`: `str.isidentifier()`.
fn helper_isidentifier(_vm: &Vm, args: Args) -> PyResult<Value> {
    let Some(Value::Str(s)) = args.pos.first() else {
        return Ok(Value::Bool(false));
    };
    let mut chars = s.as_str().chars();
    let ok = match chars.next() {
        Some(c) => {
            (c == '_' || unicode_ident::is_xid_start(c))
                && chars.all(unicode_ident::is_xid_continue)
        }
        None => false,
    };
    Ok(Value::Bool(ok))
}

/// `_apy_is_tuple_like(obj)`: is `obj` a tuple or a named tuple?
fn helper_is_tuple_like(vm: &Vm, args: Args) -> PyResult<Value> {
    let v = args.pos.first().cloned().unwrap_or(Value::None);
    Ok(Value::Bool(
        matches!(v, Value::Tuple(_)) || abc::virtual_instance(vm, &v, &vm.types.tuple),
    ))
}

/// The asyncio future operations the evaluator's `await` uses.
pub fn asyncio_future_ops() -> Option<FutureOps> {
    fn done(v: &Value) -> bool {
        asyncio::future::core_of(v)
            .map(|c| c.done())
            .unwrap_or(true)
    }
    fn set_blocking(v: &Value, b: bool) {
        if let Some(c) = asyncio::future::core_of(v) {
            c.blocking.set(b);
        }
    }
    fn result(vm: &Vm, v: &Value) -> PyResult<Value> {
        match asyncio::future::core_of(v) {
            Some(c) => c.result(vm),
            None => Ok(Value::None),
        }
    }
    fn finish_parked(
        vm: &Vm,
        p: &crate::value::func::Parked,
        r: PyResult<Value>,
    ) -> PyResult<Value> {
        match p.then {
            crate::value::func::ParkedThen::EventWait => asyncio::native_bodies::event_wait_end(
                vm,
                &Value::Instance(p.this.clone()),
                Value::Native(p.fut.clone()),
                r,
            ),
        }
    }
    Some(FutureOps {
        done,
        set_blocking,
        result,
        finish_parked,
    })
}

/// The await plan of asyncio's native awaitables (futures and tasks).
pub fn native_await(_vm: &Vm, n: &Rc<dyn NativeObject>) -> Option<PyResult<AwaitPlan>> {
    if asyncio::future::is_future_obj(n) {
        return Some(Ok(AwaitPlan::Future(Value::Native(n.clone()))));
    }
    None
}

/// The interpreter's clock, created on first use (virtual with
/// `--virtual-time`).
pub fn clock_of(vm: &Vm) -> Rc<clock::Clock> {
    if let Some(c) = vm.extension::<clock::Clock>() {
        return c;
    }
    let c = Rc::new(clock::Clock::new(vm.virtual_time.get()));
    vm.set_extension(c.clone());
    c
}

/// The class of Rust-implemented objects whose C name (used in error
/// messages, like CPython's `tp_name`) is `tp_name` (`itertools.count`),
/// shown as `<class 'module.qualname'>`; created on first use (then `init`
/// adds its methods) and cached.
pub fn module_type(
    vm: &Vm,
    tp_name: &'static str,
    module: &str,
    qualname: &str,
    init: fn(&Vm, &Rc<Type>),
) -> Rc<Type> {
    if let Some(t) = vm.native_types.borrow().get(tp_name) {
        return t.clone();
    }
    let t = new_type(vm, tp_name, module, qualname, vec![vm.types.object.clone()]);
    vm.native_types.borrow_mut().insert(tp_name, t.clone());
    init(vm, &t);
    t
}

/// A builtin (Rust-implemented) class.
pub fn new_type(
    vm: &Vm,
    tp_name: &str,
    module: &str,
    qualname: &str,
    bases: Vec<Rc<Type>>,
) -> Rc<Type> {
    let _ = vm;
    let mro = crate::eval::class::c3_mro(&bases).unwrap_or_default();
    Rc::new(Type {
        name: tp_name.to_owned(),
        qualname: qualname.to_owned(),
        module: module.to_owned(),
        bases,
        mro,
        dict: std::cell::RefCell::new(crate::value::object::AttrMap::default()),
        layout: Layout::Builtin,
        is_builtin: true,
        version: std::cell::Cell::new(0),
        cache: Default::default(),
    })
}

/// Adds `__iter__` (returning the object) and `__next__` to an iterator type.
pub fn add_iter_methods(t: &Rc<Type>) {
    crate::builtins::add_method(t, "__iter__", |_vm, args| {
        Ok(args.pos.first().cloned().unwrap_or(Value::None))
    });
    crate::builtins::add_method(t, "__next__", |vm, args| {
        let it = args.pos.first().cloned().unwrap_or(Value::None);
        match crate::eval::iter::next_value(vm, &it)? {
            Some(v) => Ok(v),
            None => Err(vm.stop_iteration(Value::None)),
        }
    });
}

/// The parameters of a function implemented in Rust, for [`parse_args`].
pub struct Params<'a> {
    /// The function name used in messages (`accumulate`).
    pub name: &'a str,
    /// Positional-or-keyword parameters, in order.
    pub pos: &'a [&'a str],
    /// How many of `pos` are required.
    pub required: usize,
    /// Keyword-only parameters.
    pub kwonly: &'a [&'a str],
}

/// Binds `args` to `params` with the messages of CPython's argument
/// clinic: one slot per positional parameter, then one per keyword-only.
pub fn parse_args(vm: &Vm, args: Args, params: &Params) -> PyResult<Vec<Option<Value>>> {
    let name = params.name;
    let np = params.pos.len();
    let total = np + params.kwonly.len();
    let given = args.pos.len() + args.kw.len();
    if given > total {
        let s = if total == 1 { "" } else { "s" };
        return Err(vm.type_error(format!(
            "{name}() takes at most {total} argument{s} ({given} given)"
        )));
    }
    if args.pos.len() > np {
        let what = if params.kwonly.is_empty() {
            ""
        } else {
            " positional"
        };
        let s = if np == 1 { "" } else { "s" };
        return Err(vm.type_error(format!(
            "{name}() takes at most {np}{what} argument{s} ({} given)",
            args.pos.len()
        )));
    }
    let mut out: Vec<Option<Value>> = vec![None; np + params.kwonly.len()];
    for (i, v) in args.pos.into_iter().enumerate() {
        out[i] = Some(v);
    }
    for (k, v) in args.kw {
        let k = k.as_str();
        let slot = params
            .pos
            .iter()
            .position(|p| *p == k)
            .or_else(|| params.kwonly.iter().position(|p| *p == k).map(|i| i + np));
        match slot {
            Some(i) if out[i].is_some() => {
                return Err(vm.type_error(format!(
                    "argument for {name}() given by name ('{k}') and position ({})",
                    i + 1
                )));
            }
            Some(i) => out[i] = Some(v),
            None => {
                return Err(
                    vm.type_error(format!("'{k}' is an invalid keyword argument for {name}()"))
                );
            }
        }
    }
    for (i, p) in params.pos.iter().enumerate().take(params.required) {
        if out[i].is_none() {
            return Err(vm.type_error(format!(
                "{name}() missing required argument '{p}' (pos {})",
                i + 1
            )));
        }
    }
    Ok(out)
}

/// Marks `v` as being repr'd (for `[...]`-style recursion markers); `None`
/// when it already is.
pub struct ReprGuard<'a>(&'a Vm);

impl<'a> ReprGuard<'a> {
    /// Enters the repr of `v`.
    pub fn enter(vm: &'a Vm, v: &Value) -> Option<ReprGuard<'a>> {
        Self::enter_id(vm, v.ptr()?)
    }

    /// Enters the repr of the object at address `id`.
    pub fn enter_id(vm: &'a Vm, id: usize) -> Option<ReprGuard<'a>> {
        let mut stack = vm.repr_stack.borrow_mut();
        if stack.contains(&id) {
            return None;
        }
        stack.push(id);
        Some(ReprGuard(vm))
    }
}

impl Drop for ReprGuard<'_> {
    fn drop(&mut self) {
        self.0.repr_stack.borrow_mut().pop();
    }
}
