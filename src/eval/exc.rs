//! Builtin exception classes, raising them from Rust, and matching and
//! chaining as `try`/`except` need.

use std::rc::Rc;

use super::{Exc, PyResult, Vm};
use crate::value::object::TracebackEntry;
use crate::value::{Instance, Type, Value};

macro_rules! exception_kinds {
    ($( $kind:ident : $name:literal < $parent:ident ),* $(,)?) => {
        /// The builtin exception classes, in an order where every class
        /// comes after its base.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u8)]
        pub enum ExcKind { BaseException, $($kind),* }

        impl ExcKind {
            /// Every kind with its Python name and base (`None` for BaseException).
            pub const ALL: &'static [(ExcKind, &'static str, Option<ExcKind>)] = &[
                (ExcKind::BaseException, "BaseException", None),
                $( (ExcKind::$kind, $name, Some(ExcKind::$parent)) ),*
            ];
        }
    };
}

exception_kinds! {
    Exception: "Exception" < BaseException,
    GeneratorExit: "GeneratorExit" < BaseException,
    KeyboardInterrupt: "KeyboardInterrupt" < BaseException,
    SystemExit: "SystemExit" < BaseException,
    BaseExceptionGroup: "BaseExceptionGroup" < BaseException,
    ArithmeticError: "ArithmeticError" < Exception,
    FloatingPointError: "FloatingPointError" < ArithmeticError,
    OverflowError: "OverflowError" < ArithmeticError,
    ZeroDivisionError: "ZeroDivisionError" < ArithmeticError,
    AssertionError: "AssertionError" < Exception,
    AttributeError: "AttributeError" < Exception,
    BufferError: "BufferError" < Exception,
    EOFError: "EOFError" < Exception,
    ImportError: "ImportError" < Exception,
    ModuleNotFoundError: "ModuleNotFoundError" < ImportError,
    LookupError: "LookupError" < Exception,
    IndexError: "IndexError" < LookupError,
    KeyError: "KeyError" < LookupError,
    MemoryError: "MemoryError" < Exception,
    NameError: "NameError" < Exception,
    UnboundLocalError: "UnboundLocalError" < NameError,
    OSError: "OSError" < Exception,
    BlockingIOError: "BlockingIOError" < OSError,
    ChildProcessError: "ChildProcessError" < OSError,
    ConnectionError: "ConnectionError" < OSError,
    BrokenPipeError: "BrokenPipeError" < ConnectionError,
    ConnectionAbortedError: "ConnectionAbortedError" < ConnectionError,
    ConnectionRefusedError: "ConnectionRefusedError" < ConnectionError,
    ConnectionResetError: "ConnectionResetError" < ConnectionError,
    FileExistsError: "FileExistsError" < OSError,
    FileNotFoundError: "FileNotFoundError" < OSError,
    InterruptedError: "InterruptedError" < OSError,
    IsADirectoryError: "IsADirectoryError" < OSError,
    NotADirectoryError: "NotADirectoryError" < OSError,
    PermissionError: "PermissionError" < OSError,
    ProcessLookupError: "ProcessLookupError" < OSError,
    TimeoutError: "TimeoutError" < OSError,
    ReferenceError: "ReferenceError" < Exception,
    RuntimeError: "RuntimeError" < Exception,
    NotImplementedError: "NotImplementedError" < RuntimeError,
    RecursionError: "RecursionError" < RuntimeError,
    StopAsyncIteration: "StopAsyncIteration" < Exception,
    StopIteration: "StopIteration" < Exception,
    SyntaxError: "SyntaxError" < Exception,
    IndentationError: "IndentationError" < SyntaxError,
    TabError: "TabError" < IndentationError,
    SystemError: "SystemError" < Exception,
    TypeError: "TypeError" < Exception,
    ValueError: "ValueError" < Exception,
    UnicodeError: "UnicodeError" < ValueError,
    UnicodeDecodeError: "UnicodeDecodeError" < UnicodeError,
    UnicodeEncodeError: "UnicodeEncodeError" < UnicodeError,
    Warning: "Warning" < Exception,
    BytesWarning: "BytesWarning" < Warning,
    DeprecationWarning: "DeprecationWarning" < Warning,
    FutureWarning: "FutureWarning" < Warning,
    ImportWarning: "ImportWarning" < Warning,
    PendingDeprecationWarning: "PendingDeprecationWarning" < Warning,
    ResourceWarning: "ResourceWarning" < Warning,
    RuntimeWarning: "RuntimeWarning" < Warning,
    SyntaxWarning: "SyntaxWarning" < Warning,
    UnicodeWarning: "UnicodeWarning" < Warning,
    UserWarning: "UserWarning" < Warning,
    EncodingWarning: "EncodingWarning" < Warning,
    // ExceptionGroup derives from both BaseExceptionGroup and Exception;
    // the second base is added when the class is built.
    ExceptionGroup: "ExceptionGroup" < BaseExceptionGroup,
}

impl Vm {
    /// The class object of a builtin exception.
    pub fn exc_type(&self, kind: ExcKind) -> &Rc<Type> {
        &self.exc_types[kind as usize]
    }

    /// A new exception of a builtin class with a message argument.
    pub fn new_exc(&self, kind: ExcKind, msg: impl Into<String>) -> Exc {
        self.new_exc_args(kind, vec![Value::string(msg.into())])
    }

    /// A new exception of a builtin class with the given `args`.
    pub fn new_exc_args(&self, kind: ExcKind, args: Vec<Value>) -> Exc {
        self.instantiate_exc(self.exc_type(kind).clone(), args)
    }

    /// A new exception instance of `class` (an exception class) with `args`,
    /// without running `__init__`.
    pub fn instantiate_exc(&self, class: Rc<Type>, args: Vec<Value>) -> Exc {
        let inst = Instance::new(class);
        if let Some(data) = inst.exc() {
            data.borrow_mut().args = Value::tuple(args);
        }
        Exc(Rc::new(inst))
    }

    pub fn type_error(&self, msg: impl Into<String>) -> Exc {
        self.new_exc(ExcKind::TypeError, msg)
    }

    pub fn value_error(&self, msg: impl Into<String>) -> Exc {
        self.new_exc(ExcKind::ValueError, msg)
    }

    pub fn index_error(&self, msg: impl Into<String>) -> Exc {
        self.new_exc(ExcKind::IndexError, msg)
    }

    pub fn runtime_error(&self, msg: impl Into<String>) -> Exc {
        self.new_exc(ExcKind::RuntimeError, msg)
    }

    pub fn overflow_error(&self, msg: impl Into<String>) -> Exc {
        self.new_exc(ExcKind::OverflowError, msg)
    }

    pub fn zero_division(&self, msg: impl Into<String>) -> Exc {
        self.new_exc(ExcKind::ZeroDivisionError, msg)
    }

    pub fn key_error(&self, key: Value) -> Exc {
        self.new_exc_args(ExcKind::KeyError, vec![key])
    }

    /// `StopIteration(value)`, or bare `StopIteration` for `None`.
    pub fn stop_iteration(&self, value: Value) -> Exc {
        if value.is_none() {
            self.new_exc_args(ExcKind::StopIteration, vec![])
        } else {
            self.new_exc_args(ExcKind::StopIteration, vec![value])
        }
    }

    pub fn attribute_error(&self, msg: impl Into<String>) -> Exc {
        self.new_exc(ExcKind::AttributeError, msg)
    }

    pub fn name_error(&self, name: &str) -> Exc {
        let e = self.new_exc(ExcKind::NameError, format!("name '{name}' is not defined"));
        e.0.dict
            .borrow_mut()
            .insert(crate::intern::Sym::new("name"), Value::str(name));
        e
    }

    /// Is `exc` an instance of the builtin class `kind` (or a subclass)?
    pub fn exc_is(&self, exc: &Exc, kind: ExcKind) -> bool {
        exc.0.class.is_subtype(self.exc_type(kind))
    }

    /// Shorthand: `Err(TypeError(msg))`.
    pub fn err_type<T>(&self, msg: impl Into<String>) -> PyResult<T> {
        Err(self.type_error(msg))
    }
}

impl Exc {
    /// The exception's `args` tuple items.
    pub fn args(&self) -> Vec<Value> {
        match self.0.exc() {
            Some(d) => match &d.borrow().args {
                Value::Tuple(t) => t.items.to_vec(),
                _ => vec![],
            },
            None => vec![],
        }
    }

    /// Records that the exception is passing through source position
    /// (`file`, `span`) of the current frame, unless a more precise one was
    /// already recorded there.
    pub fn note_position(&self, file: u32, span: crate::ast::Span) {
        if let Some(d) = self.0.exc() {
            let mut d = d.borrow_mut();
            if d.pending.is_none() {
                d.pending = Some((file, span));
            }
            d.raised = true;
        }
    }

    /// Closes the traceback entry of the frame named `name` as the
    /// exception leaves it.
    pub fn leave_frame(&self, name: crate::intern::Sym) {
        if let Some(d) = self.0.exc() {
            let mut d = d.borrow_mut();
            if let Some((file, span)) = d.pending.take() {
                d.traceback.push(TracebackEntry { file, span, name });
            }
        }
    }

    /// Marks the exception as one no handler may stop.
    pub fn make_uncatchable(&self) {
        if let Some(d) = self.0.exc() {
            d.borrow_mut().uncatchable = true;
        }
    }

    /// See [`Exc::make_uncatchable`].
    pub fn is_uncatchable(&self) -> bool {
        self.0
            .exc()
            .map(|d| d.borrow().uncatchable)
            .unwrap_or(false)
    }

    /// Keeps `v` alive as long as the exception (as CPython's traceback
    /// keeps the frames' locals alive).
    pub fn keep_alive(&self, v: Value) {
        if let Some(d) = self.0.exc() {
            d.borrow_mut().kept_alive.push(v);
        }
    }

    pub fn class_name(&self) -> String {
        self.0.class.display_name()
    }
}
