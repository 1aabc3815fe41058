//! The `knotbot` command line. It belongs to the binary: the library is
//! the engine and the Discord adapter, and knows nothing of arguments.

mod cli;

/// Loading the knowledge at start-up makes many small allocations (words,
/// stems, patterns), a quarter of a cold `ask` under the system allocator;
/// mimalloc serves them faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
