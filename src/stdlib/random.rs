//! `_random`: the Mersenne Twister core of `random`, bit for bit CPython's
//! `Modules/_randommodule.c` (MT19937 with `init_by_array` seeding and
//! `genrand_res53` floats), so a seeded program draws exactly the numbers
//! CPython draws. The distributions and the `Random` class are Python
//! source (`py/random.py`) over these functions.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::hash::{BuildHasher, Hasher};
use std::rc::Rc;

use num_bigint::{BigInt, Sign};

use super::module_type;
use crate::builtins::numbers::to_bigint;
use crate::builtins::{add_module_fn, arg_int, new_module};
use crate::eval::{Args, PyResult, Vm};
use crate::value::{NativeObject, Type, Value};

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// One generator's state: CPython's `RandomObject`.
pub struct MtState {
    mt: RefCell<[u32; N]>,
    index: Cell<usize>,
}

impl MtState {
    fn new() -> MtState {
        MtState {
            mt: RefCell::new([0; N]),
            index: Cell::new(N + 1),
        }
    }

    fn init_genrand(&self, seed: u32) {
        let mut mt = self.mt.borrow_mut();
        mt[0] = seed;
        for i in 1..N {
            mt[i] = 1_812_433_253u32
                .wrapping_mul(mt[i - 1] ^ (mt[i - 1] >> 30))
                .wrapping_add(i as u32);
        }
        self.index.set(N);
    }

    fn init_by_array(&self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let mut mt = self.mt.borrow_mut();
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_566_083_941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
    }

    fn genrand_uint32(&self) -> u32 {
        let mut mt = self.mt.borrow_mut();
        if self.index.get() >= N {
            let mag = |y: u32| if y & 1 == 0 { 0 } else { MATRIX_A };
            for kk in 0..N - M {
                let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
                mt[kk] = mt[kk + M] ^ (y >> 1) ^ mag(y);
            }
            for kk in N - M..N - 1 {
                let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
                mt[kk] = mt[kk + M - N] ^ (y >> 1) ^ mag(y);
            }
            let y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
            mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ mag(y);
            self.index.set(0);
        }
        let mut y = mt[self.index.get()];
        self.index.set(self.index.get() + 1);
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }
}

impl NativeObject for MtState {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        module_type(vm, "_random.state", "_random", "state", |_, _| {})
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Creates the `_random` module.
pub fn module(_vm: &Vm) -> Value {
    let m = new_module("_random");
    add_module_fn(&m, "_random", "new", new_state);
    add_module_fn(&m, "_random", "seed", seed);
    add_module_fn(&m, "_random", "random", random);
    add_module_fn(&m, "_random", "getrandbits", getrandbits);
    add_module_fn(&m, "_random", "getstate", getstate);
    add_module_fn(&m, "_random", "setstate", setstate);
    Value::Module(m)
}

fn state<'a>(vm: &Vm, args: &'a Args) -> PyResult<&'a MtState> {
    args.pos
        .first()
        .and_then(|v| v.downcast::<MtState>())
        .ok_or_else(|| vm.type_error("_random: expected a generator state"))
}

/// `new()`: an unseeded state (the Python side seeds it).
fn new_state(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::native(MtState::new()))
}

/// `seed(state, n)`: `n` a non-negative int, or None for fresh entropy
/// (CPython reads 624 words from `os.urandom`; apy takes them from the
/// operating system's hasher seeds, which are random per process).
fn seed(vm: &Vm, args: Args) -> PyResult<Value> {
    let st = state(vm, &args)?;
    let key: Vec<u32> = match args.pos.get(1) {
        None | Some(Value::None) => {
            let entropy = std::collections::hash_map::RandomState::new();
            (0..N as u64)
                .map(|i| {
                    let mut h = entropy.build_hasher();
                    h.write_u64(i);
                    h.finish() as u32
                })
                .collect()
        }
        Some(v) => {
            let n = to_bigint(v).ok_or_else(|| vm.type_error("_random.seed: an int"))?;
            let (_, words) = n.to_u32_digits();
            if words.is_empty() { vec![0] } else { words }
        }
    };
    st.init_by_array(&key);
    Ok(Value::None)
}

/// `random(state)`: a float in [0.0, 1.0) with 53 random bits.
fn random(vm: &Vm, args: Args) -> PyResult<Value> {
    let st = state(vm, &args)?;
    let a = st.genrand_uint32() >> 5;
    let b = st.genrand_uint32() >> 6;
    Ok(Value::Float(
        (a as f64 * 67_108_864.0 + b as f64) * (1.0 / 9_007_199_254_740_992.0),
    ))
}

/// `getrandbits(state, k)`: an int with `k` random bits.
fn getrandbits(vm: &Vm, args: Args) -> PyResult<Value> {
    let st = state(vm, &args)?;
    let k = arg_int(vm, args.pos.get(1).unwrap_or(&Value::Int(0)))?;
    if k < 0 {
        return Err(vm.value_error("number of bits must be non-negative"));
    }
    if k == 0 {
        return Ok(Value::Int(0));
    }
    if k <= 32 {
        return Ok(Value::Int((st.genrand_uint32() >> (32 - k)) as i64));
    }
    // 2**36 bits is 8 GiB: past it CPython's allocation fails too.
    if k > 1 << 36 {
        return Err(vm.new_exc_args(crate::eval::ExcKind::MemoryError, vec![]));
    }
    let mut words = Vec::with_capacity((k as usize).div_ceil(32));
    let mut left = k;
    while left > 0 {
        let mut r = st.genrand_uint32();
        if left < 32 {
            r >>= 32 - left;
        }
        words.push(r);
        left -= 32;
    }
    Ok(Value::from_bigint(BigInt::from_slice(Sign::Plus, &words)))
}

/// `getstate(state)`: the 624 words and the index, as a tuple.
fn getstate(vm: &Vm, args: Args) -> PyResult<Value> {
    let st = state(vm, &args)?;
    let mut items: Vec<Value> = st
        .mt
        .borrow()
        .iter()
        .map(|&w| Value::Int(w as i64))
        .collect();
    items.push(Value::Int(st.index.get() as i64));
    Ok(Value::tuple(items))
}

/// `setstate(state, words)`: the inverse of [`getstate`], with CPython's
/// checks.
fn setstate(vm: &Vm, args: Args) -> PyResult<Value> {
    let st = state(vm, &args)?;
    let Some(Value::Tuple(t)) = args.pos.get(1) else {
        return Err(vm.type_error("state vector must be a tuple"));
    };
    let t = &t.items;
    if t.len() != N + 1 {
        return Err(vm.value_error("state vector is the wrong size"));
    }
    let mut mt = [0u32; N];
    for (slot, v) in mt.iter_mut().zip(t.iter()) {
        let n = to_bigint(v).ok_or_else(|| vm.type_error("state vector items must be integers"))?;
        *slot = u32::try_from(&n)
            .map_err(|_| vm.overflow_error("Python int too large to convert to C unsigned long"))?;
    }
    let index = arg_int(vm, &t[N])?;
    if !(0..=N as i64).contains(&index) {
        return Err(vm.value_error("invalid state"));
    }
    *st.mt.borrow_mut() = mt;
    st.index.set(index as usize);
    Ok(Value::None)
}
