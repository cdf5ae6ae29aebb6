//! Well-known identifiers, interned at fixed indices before any other name,
//! so builtins can name them as constants.
#![allow(non_upper_case_globals)]

use super::Sym;

pub const __init__: Sym = Sym(0);
pub const __new__: Sym = Sym(1);
pub const __repr__: Sym = Sym(2);
pub const __str__: Sym = Sym(3);
pub const __eq__: Sym = Sym(4);
pub const __ne__: Sym = Sym(5);
pub const __lt__: Sym = Sym(6);
pub const __le__: Sym = Sym(7);
pub const __gt__: Sym = Sym(8);
pub const __ge__: Sym = Sym(9);
pub const __hash__: Sym = Sym(10);
pub const __bool__: Sym = Sym(11);
pub const __len__: Sym = Sym(12);
pub const __iter__: Sym = Sym(13);
pub const __next__: Sym = Sym(14);
pub const __getitem__: Sym = Sym(15);
pub const __setitem__: Sym = Sym(16);
pub const __delitem__: Sym = Sym(17);
pub const __contains__: Sym = Sym(18);
pub const __call__: Sym = Sym(19);
pub const __getattr__: Sym = Sym(20);
pub const __getattribute__: Sym = Sym(21);
pub const __setattr__: Sym = Sym(22);
pub const __delattr__: Sym = Sym(23);
pub const __enter__: Sym = Sym(24);
pub const __exit__: Sym = Sym(25);
pub const __aenter__: Sym = Sym(26);
pub const __aexit__: Sym = Sym(27);
pub const __aiter__: Sym = Sym(28);
pub const __anext__: Sym = Sym(29);
pub const __await__: Sym = Sym(30);
pub const __add__: Sym = Sym(31);
pub const __radd__: Sym = Sym(32);
pub const __iadd__: Sym = Sym(33);
pub const __sub__: Sym = Sym(34);
pub const __rsub__: Sym = Sym(35);
pub const __isub__: Sym = Sym(36);
pub const __mul__: Sym = Sym(37);
pub const __rmul__: Sym = Sym(38);
pub const __imul__: Sym = Sym(39);
pub const __truediv__: Sym = Sym(40);
pub const __rtruediv__: Sym = Sym(41);
pub const __itruediv__: Sym = Sym(42);
pub const __floordiv__: Sym = Sym(43);
pub const __rfloordiv__: Sym = Sym(44);
pub const __ifloordiv__: Sym = Sym(45);
pub const __mod__: Sym = Sym(46);
pub const __rmod__: Sym = Sym(47);
pub const __imod__: Sym = Sym(48);
pub const __pow__: Sym = Sym(49);
pub const __rpow__: Sym = Sym(50);
pub const __ipow__: Sym = Sym(51);
pub const __matmul__: Sym = Sym(52);
pub const __rmatmul__: Sym = Sym(53);
pub const __imatmul__: Sym = Sym(54);
pub const __lshift__: Sym = Sym(55);
pub const __rlshift__: Sym = Sym(56);
pub const __ilshift__: Sym = Sym(57);
pub const __rshift__: Sym = Sym(58);
pub const __rrshift__: Sym = Sym(59);
pub const __irshift__: Sym = Sym(60);
pub const __and__: Sym = Sym(61);
pub const __rand__: Sym = Sym(62);
pub const __iand__: Sym = Sym(63);
pub const __or__: Sym = Sym(64);
pub const __ror__: Sym = Sym(65);
pub const __ior__: Sym = Sym(66);
pub const __xor__: Sym = Sym(67);
pub const __rxor__: Sym = Sym(68);
pub const __ixor__: Sym = Sym(69);
pub const __neg__: Sym = Sym(70);
pub const __pos__: Sym = Sym(71);
pub const __invert__: Sym = Sym(72);
pub const __abs__: Sym = Sym(73);
pub const __index__: Sym = Sym(74);
pub const __int__: Sym = Sym(75);
pub const __float__: Sym = Sym(76);
pub const __format__: Sym = Sym(77);
pub const __get__: Sym = Sym(78);
pub const __set__: Sym = Sym(79);
pub const __delete__: Sym = Sym(80);
pub const __set_name__: Sym = Sym(81);
pub const __init_subclass__: Sym = Sym(82);
pub const __class__: Sym = Sym(83);
pub const __dict__: Sym = Sym(84);
pub const __name__: Sym = Sym(85);
pub const __qualname__: Sym = Sym(86);
pub const __module__: Sym = Sym(87);
pub const __doc__: Sym = Sym(88);
pub const __main__: Sym = Sym(89);
pub const __builtins__: Sym = Sym(90);
pub const __file__: Sym = Sym(91);
pub const __slots__: Sym = Sym(92);
pub const __match_args__: Sym = Sym(93);
pub const __post_init__: Sym = Sym(94);
pub const __dataclass_fields__: Sym = Sym(95);
pub const __class_getitem__: Sym = Sym(96);
pub const __missing__: Sym = Sym(97);
pub const __reversed__: Sym = Sym(98);
pub const __round__: Sym = Sym(99);
pub const __trunc__: Sym = Sym(100);
pub const __floor__: Sym = Sym(101);
pub const __ceil__: Sym = Sym(102);
pub const __divmod__: Sym = Sym(103);
pub const __rdivmod__: Sym = Sym(104);
pub const __mro__: Sym = Sym(105);
pub const __bases__: Sym = Sym(106);
pub const __base__: Sym = Sym(107);
pub const __annotations__: Sym = Sym(108);
pub const __wrapped__: Sym = Sym(109);
pub const __self__: Sym = Sym(110);
pub const __func__: Sym = Sym(111);
pub const __traceback__: Sym = Sym(112);
pub const __cause__: Sym = Sym(113);
pub const __context__: Sym = Sym(114);
pub const __suppress_context__: Sym = Sym(115);
pub const __notes__: Sym = Sym(116);
pub const __defaults__: Sym = Sym(117);
pub const __kwdefaults__: Sym = Sym(118);
pub const __code__: Sym = Sym(119);
pub const __closure__: Sym = Sym(120);
pub const __globals__: Sym = Sym(121);
pub const __all__: Sym = Sym(122);
pub const __sizeof__: Sym = Sym(123);
pub const __length_hint__: Sym = Sym(124);
pub const args: Sym = Sym(125);
pub const self_: Sym = Sym(126);
pub const cls: Sym = Sym(127);
pub const send: Sym = Sym(128);
pub const throw: Sym = Sym(129);
pub const close: Sym = Sym(130);
pub const value: Sym = Sym(131);
pub const key: Sym = Sym(132);
pub const reverse: Sym = Sym(133);
pub const start: Sym = Sym(134);
pub const stop: Sym = Sym(135);
pub const step: Sym = Sym(136);
pub const end: Sym = Sym(137);
pub const sep: Sym = Sym(138);
pub const file: Sym = Sym(139);
pub const flush: Sym = Sym(140);
pub const default: Sym = Sym(141);
pub const name: Sym = Sym(142);
pub const result: Sym = Sym(143);
pub const exception: Sym = Sym(144);
pub const cancel: Sym = Sym(145);
pub const __anext_dummy: Sym = Sym(146);
pub const __weakref__: Sym = Sym(147);
/// Names of frames that run no function: module code and comprehensions.
pub const code_module: Sym = Sym(148);
pub const code_listcomp: Sym = Sym(149);
pub const code_setcomp: Sym = Sym(150);
pub const code_dictcomp: Sym = Sym(151);
pub const code_genexpr: Sym = Sym(152);

/// The names, in index order; the interner starts with these.
pub(super) const ALL: &[&str] = &[
    "__init__",
    "__new__",
    "__repr__",
    "__str__",
    "__eq__",
    "__ne__",
    "__lt__",
    "__le__",
    "__gt__",
    "__ge__",
    "__hash__",
    "__bool__",
    "__len__",
    "__iter__",
    "__next__",
    "__getitem__",
    "__setitem__",
    "__delitem__",
    "__contains__",
    "__call__",
    "__getattr__",
    "__getattribute__",
    "__setattr__",
    "__delattr__",
    "__enter__",
    "__exit__",
    "__aenter__",
    "__aexit__",
    "__aiter__",
    "__anext__",
    "__await__",
    "__add__",
    "__radd__",
    "__iadd__",
    "__sub__",
    "__rsub__",
    "__isub__",
    "__mul__",
    "__rmul__",
    "__imul__",
    "__truediv__",
    "__rtruediv__",
    "__itruediv__",
    "__floordiv__",
    "__rfloordiv__",
    "__ifloordiv__",
    "__mod__",
    "__rmod__",
    "__imod__",
    "__pow__",
    "__rpow__",
    "__ipow__",
    "__matmul__",
    "__rmatmul__",
    "__imatmul__",
    "__lshift__",
    "__rlshift__",
    "__ilshift__",
    "__rshift__",
    "__rrshift__",
    "__irshift__",
    "__and__",
    "__rand__",
    "__iand__",
    "__or__",
    "__ror__",
    "__ior__",
    "__xor__",
    "__rxor__",
    "__ixor__",
    "__neg__",
    "__pos__",
    "__invert__",
    "__abs__",
    "__index__",
    "__int__",
    "__float__",
    "__format__",
    "__get__",
    "__set__",
    "__delete__",
    "__set_name__",
    "__init_subclass__",
    "__class__",
    "__dict__",
    "__name__",
    "__qualname__",
    "__module__",
    "__doc__",
    "__main__",
    "__builtins__",
    "__file__",
    "__slots__",
    "__match_args__",
    "__post_init__",
    "__dataclass_fields__",
    "__class_getitem__",
    "__missing__",
    "__reversed__",
    "__round__",
    "__trunc__",
    "__floor__",
    "__ceil__",
    "__divmod__",
    "__rdivmod__",
    "__mro__",
    "__bases__",
    "__base__",
    "__annotations__",
    "__wrapped__",
    "__self__",
    "__func__",
    "__traceback__",
    "__cause__",
    "__context__",
    "__suppress_context__",
    "__notes__",
    "__defaults__",
    "__kwdefaults__",
    "__code__",
    "__closure__",
    "__globals__",
    "__all__",
    "__sizeof__",
    "__length_hint__",
    "args",
    "self",
    "cls",
    "send",
    "throw",
    "close",
    "value",
    "key",
    "reverse",
    "start",
    "stop",
    "step",
    "end",
    "sep",
    "file",
    "flush",
    "default",
    "name",
    "result",
    "exception",
    "cancel",
    "__anext_dummy",
    "__weakref__",
    "<module>",
    "<listcomp>",
    "<setcomp>",
    "<dictcomp>",
    "<genexpr>",
];
