//! The abstract syntax tree the parser produces and the evaluator walks.
//!
//! Shapes follow CPython's `ast` module so the grammar and the tree read alike.
//! Every statement and expression carries a [`Span`] of byte offsets into the
//! source. Fields marked *resolver* are left at their defaults by the parser
//! and filled in by [`crate::resolve`]; the evaluator relies on them and never
//! looks a name up by string on its hot path.

use std::rc::Rc;

use num_bigint::BigInt;

use crate::intern::Sym;

/// A half-open range of byte offsets into the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A parsed program: a module, a `-c` string, a REPL input or a doc block.
#[derive(Debug, Default)]
pub struct Module {
    pub body: Vec<Stmt>,
    /// *resolver*: the module scope (globals are slots of the module's table).
    pub scope: Scope,
}

/// How a name is stored at run time. *resolver*.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Slot {
    /// Not yet resolved (the parser's placeholder).
    #[default]
    Unresolved,
    /// A plain local of the current function frame.
    Local(u32),
    /// A cell of the current frame: its own cell variables first, then the
    /// free variables captured from enclosing functions.
    Cell(u32),
    /// A module global (falls back to builtins on load).
    Global(u32),
    /// A name in a class body: looked up in the class namespace by symbol,
    /// then in the global slot given (module-level class).
    ClassGlobal(u32),
    /// A name in a class body that is free in an enclosing function: class
    /// namespace first, then the frame's cell.
    ClassCell(u32),
}

/// A use or binding of a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameRef {
    pub id: Sym,
    /// *resolver*
    pub slot: Slot,
}

impl NameRef {
    pub fn new(id: Sym) -> NameRef {
        NameRef {
            id,
            slot: Slot::Unresolved,
        }
    }
}

/// What the resolver learnt about a function, lambda, comprehension, class
/// body or module scope. *resolver*.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    /// Names of the plain locals, by slot index (for error messages, `locals()`).
    pub local_names: Vec<Sym>,
    /// Names of the cells, by cell index: cell variables first, then free ones.
    pub cell_names: Vec<Sym>,
    /// How many of `cell_names` are this scope's own cell variables.
    pub n_cellvars: u32,
    /// For each free variable (cell index `n_cellvars + i`), the cell index in
    /// the enclosing frame that the closure captures at definition time.
    pub free_sources: Vec<u32>,
    /// Parameters that are cells: (parameter position, cell index); the
    /// argument is moved from its local slot into a fresh cell on entry.
    pub cell_params: Vec<(u32, u32)>,
    /// The body contains `yield` (a generator, or an async generator).
    pub is_generator: bool,
    /// The body (not nested scopes) contains `await`, `async for`/`async with`
    /// or `yield`: it must run on the suspending evaluator.
    pub suspends: bool,
    /// The scope uses `super()` with no arguments or `__class__`: the class
    /// body provides an implicit `__class__` cell.
    pub uses_class_cell: bool,
}

/// A statement.
#[derive(Clone, Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
    /// *resolver*: this statement contains a suspension point of its own
    /// scope (`await`, `yield`, `async for`, `async with`).
    pub suspends: bool,
}

impl Stmt {
    pub fn new(kind: StmtKind, span: Span) -> Stmt {
        Stmt {
            kind,
            span,
            suspends: false,
        }
    }

    /// A statement with a body of statements (or decorators, a class
    /// body): code inside it runs on lines after its first.
    pub fn is_compound(&self) -> bool {
        matches!(
            self.kind,
            StmtKind::If { .. }
                | StmtKind::While { .. }
                | StmtKind::For { .. }
                | StmtKind::With { .. }
                | StmtKind::Try { .. }
                | StmtKind::FunctionDef(_)
                | StmtKind::ClassDef(_)
                | StmtKind::Match { .. }
        )
    }
}

#[derive(Clone, Debug)]
pub enum StmtKind {
    /// An expression evaluated for its effect.
    Expr(Expr),
    /// `a = b = value`: one or more targets, assigned left to right.
    Assign {
        targets: Vec<Expr>,
        value: Expr,
    },
    /// `target op= value`.
    AugAssign {
        target: Expr,
        op: BinOp,
        value: Expr,
    },
    /// `target: annotation [= value]`. `simple` is true for a bare name
    /// target not in parentheses.
    AnnAssign {
        target: Expr,
        annotation: Expr,
        value: Option<Expr>,
        simple: bool,
    },
    Pass,
    Break,
    Continue,
    Return(Option<Expr>),
    Delete(Vec<Expr>),
    Global(Vec<(Sym, Span)>),
    Nonlocal(Vec<(Sym, Span)>),
    Assert {
        test: Expr,
        msg: Option<Expr>,
    },
    Raise {
        exc: Option<Expr>,
        cause: Option<Expr>,
    },
    /// `if`; an `elif` chain is an `If` alone in `orelse`.
    If {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    While {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    For {
        is_async: bool,
        target: Expr,
        iter: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    With {
        is_async: bool,
        items: Vec<WithItem>,
        body: Vec<Stmt>,
    },
    /// `try`; `is_star` for `except*`.
    Try {
        body: Vec<Stmt>,
        handlers: Vec<ExceptHandler>,
        orelse: Vec<Stmt>,
        finalbody: Vec<Stmt>,
        is_star: bool,
    },
    FunctionDef(Rc<FunctionDef>),
    ClassDef(Rc<ClassDef>),
    /// `import a.b as c, d`.
    Import(Vec<Alias>),
    /// `from module import names`; `names` empty means `*`. `level` counts
    /// leading dots.
    ImportFrom {
        module: Option<String>,
        names: Vec<Alias>,
        level: u32,
    },
    Match {
        subject: Expr,
        cases: Vec<MatchCase>,
    },
}

/// `name as asname` in an import. `name` may be dotted (`a.b`).
#[derive(Clone, Debug)]
pub struct Alias {
    pub name: String,
    pub asname: Option<Sym>,
    pub span: Span,
    /// The name bound: `asname`, or else the first component of `name`
    /// (`import a.b` binds `a`). For `from m import *` the parser produces no
    /// alias at all.
    pub target: NameRef,
}

#[derive(Clone, Debug)]
pub struct WithItem {
    pub context: Expr,
    pub target: Option<Expr>,
}

#[derive(Clone, Debug)]
pub struct ExceptHandler {
    /// The exception type; `None` for a bare `except:`.
    pub typ: Option<Expr>,
    pub name: Option<NameRef>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

/// `def` / `async def`, and the body of a `lambda` (a single `Return`).
#[derive(Clone, Debug)]
pub struct FunctionDef {
    pub name: Sym,
    /// The binding of `name` in the enclosing scope. *resolver*
    pub binding: NameRef,
    pub params: Parameters,
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
    pub returns: Option<Expr>,
    pub is_async: bool,
    pub is_lambda: bool,
    /// The whole definition, decorators included.
    pub span: Span,
    /// The `def NAME(...)` header line, for tracebacks and diagnostics.
    pub header_span: Span,
    /// *resolver*
    pub scope: Scope,
    /// *resolver*: dotted qualified name (`Outer.method.<locals>.inner`).
    pub qualname: String,
}

/// A formal parameter list.
#[derive(Clone, Debug, Default)]
pub struct Parameters {
    pub posonly: Vec<Param>,
    pub args: Vec<Param>,
    pub vararg: Option<Param>,
    pub kwonly: Vec<Param>,
    pub kwarg: Option<Param>,
}

impl Parameters {
    /// All parameters in frame slot order: positional-only, positional,
    /// `*args`, keyword-only, `**kwargs`. The resolver gives parameter `i`
    /// local slot `i`.
    pub fn all(&self) -> impl Iterator<Item = &Param> {
        self.posonly
            .iter()
            .chain(self.args.iter())
            .chain(self.vararg.iter())
            .chain(self.kwonly.iter())
            .chain(self.kwarg.iter())
    }
}

#[derive(Clone, Debug)]
pub struct Param {
    pub name: Sym,
    pub annotation: Option<Expr>,
    /// Default value (for `*args`/`**kwargs` always `None`).
    pub default: Option<Expr>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct ClassDef {
    pub name: Sym,
    /// The binding of `name` in the enclosing scope. *resolver*
    pub binding: NameRef,
    pub bases: Vec<Expr>,
    /// Keyword arguments in the class header (`metaclass=...`, other kwargs).
    pub keywords: Vec<Keyword>,
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
    pub span: Span,
    pub header_span: Span,
    /// *resolver*: the class body's scope (names are looked up by symbol in
    /// the class namespace; only `__class__` may be a cell).
    pub scope: Scope,
    /// *resolver*
    pub qualname: String,
}

#[derive(Clone, Debug)]
pub struct MatchCase {
    pub pattern: Pattern,
    pub guard: Option<Expr>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Pattern {
    pub kind: PatternKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum PatternKind {
    /// A literal or dotted-name value compared with `==`.
    Value(Expr),
    /// `None`, `True`, `False`, compared with `is`.
    Singleton(Constant),
    /// `[p, *rest, q]` or `(p, q)`.
    Sequence(Vec<Pattern>),
    /// `{key: p, **rest}`.
    Mapping {
        keys: Vec<Expr>,
        patterns: Vec<Pattern>,
        rest: Option<NameRef>,
    },
    /// `Cls(p, attr=q)`.
    Class {
        cls: Expr,
        patterns: Vec<Pattern>,
        kwd_attrs: Vec<Sym>,
        kwd_patterns: Vec<Pattern>,
    },
    /// `*name` or `*_` (None) inside a sequence pattern.
    Star(Option<NameRef>),
    /// `p as name`, a capture `name` (pattern None), or the wildcard `_`
    /// (both None).
    As {
        pattern: Option<Box<Pattern>>,
        name: Option<NameRef>,
    },
    /// `p | q`.
    Or(Vec<Pattern>),
}

/// An expression.
#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
    /// *resolver*: this expression contains `await` or `yield` of its own
    /// scope (not inside a nested lambda or comprehension with a scope of
    /// its own, except an async comprehension).
    pub suspends: bool,
}

impl Expr {
    pub fn new(kind: ExprKind, span: Span) -> Expr {
        Expr {
            kind,
            span,
            suspends: false,
        }
    }
}

/// A literal constant.
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    None,
    True,
    False,
    Ellipsis,
    Int(i64),
    /// An integer literal too large for `i64`.
    BigInt(Rc<BigInt>),
    Float(f64),
    /// Imaginary literal `1j` (the float is the imaginary part).
    Imaginary(f64),
    /// A string literal, after escapes and implicit concatenation.
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    Name(NameRef),
    Constant(Constant),
    /// An f-string (possibly concatenated with plain strings).
    FString(Vec<FStringPart>),
    /// `a and b and c` / `a or b`.
    BoolOp {
        op: BoolOpKind,
        values: Vec<Expr>,
    },
    /// `target := value`; the target is always a name.
    NamedExpr {
        target: NameRef,
        value: Box<Expr>,
    },
    BinOp {
        left: Box<Expr>,
        op: BinOp,
        right: Box<Expr>,
    },
    UnaryOp {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    /// A lambda: a function whose body is one `Return` statement.
    Lambda(Rc<FunctionDef>),
    IfExp {
        test: Box<Expr>,
        body: Box<Expr>,
        orelse: Box<Expr>,
    },
    /// `{k: v, **m}`: a `None` key marks a `**` unpacking of the value.
    Dict {
        keys: Vec<Option<Expr>>,
        values: Vec<Expr>,
    },
    Set(Vec<Expr>),
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    /// List, set and dict comprehensions and generator expressions.
    Comprehension(Rc<Comprehension>),
    Await(Box<Expr>),
    Yield(Option<Box<Expr>>),
    YieldFrom(Box<Expr>),
    /// `a < b <= c`: `ops.len() == comparators.len()`.
    Compare {
        left: Box<Expr>,
        ops: Vec<CmpOp>,
        comparators: Vec<Expr>,
    },
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        keywords: Vec<Keyword>,
    },
    Attribute {
        value: Box<Expr>,
        attr: Sym,
    },
    Subscript {
        value: Box<Expr>,
        index: Box<Expr>,
    },
    /// `*value` in a call, display or assignment target.
    Starred(Box<Expr>),
    /// `lower:upper:step` inside a subscript.
    Slice {
        lower: Option<Box<Expr>>,
        upper: Option<Box<Expr>>,
        step: Option<Box<Expr>>,
    },
}

/// A piece of an f-string.
#[derive(Clone, Debug)]
pub enum FStringPart {
    Literal(Rc<str>),
    Field(FStringField),
}

/// `{value!conversion:format_spec}`; for `{value=}` `debug_text` is the text
/// `value=` (with its spaces) printed before the value. As in CPython, the
/// parser sets `conversion` to `'r'` for `{value=}` written without a
/// conversion or a format spec.
#[derive(Clone, Debug)]
pub struct FStringField {
    pub value: Box<Expr>,
    /// `'r'`, `'s'` or `'a'`.
    pub conversion: Option<char>,
    pub format_spec: Option<Vec<FStringPart>>,
    pub debug_text: Option<Rc<str>>,
}

/// A keyword argument `arg=value`, or `**value` when `arg` is `None`.
#[derive(Clone, Debug)]
pub struct Keyword {
    pub arg: Option<Sym>,
    pub value: Expr,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComprehensionKind {
    List,
    Set,
    Dict,
    Generator,
}

/// A comprehension: its own scope, like a nested function.
#[derive(Clone, Debug)]
pub struct Comprehension {
    pub kind: ComprehensionKind,
    /// The element (the key for a dict comprehension).
    pub elt: Expr,
    /// The value of a dict comprehension.
    pub value: Option<Expr>,
    pub generators: Vec<CompFor>,
    pub span: Span,
    /// *resolver*: the comprehension's own scope. The first `iter` is
    /// evaluated in the enclosing scope and passed in as local slot 0.
    pub scope: Scope,
    /// *resolver*: contains `async for` or `await` (an async comprehension).
    pub is_async: bool,
}

/// `[async] for target in iter if cond...` inside a comprehension.
#[derive(Clone, Debug)]
pub struct CompFor {
    pub target: Expr,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
    pub is_async: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoolOpKind {
    And,
    Or,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mult,
    MatMult,
    Div,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
    FloorDiv,
}

impl BinOp {
    /// The operator as written (`+`, `//`, ...), for error messages.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mult => "*",
            BinOp::MatMult => "@",
            BinOp::Div => "/",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::BitAnd => "&",
            BinOp::FloorDiv => "//",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Invert,
    Not,
    UAdd,
    USub,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}
