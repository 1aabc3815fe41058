//! The `knotbot` command line. It belongs to the binary: the library is
//! the engine and the Discord adapter, and knows nothing of arguments.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
