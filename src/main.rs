fn main() {
    std::process::exit(apy::cli::main());
}
