fn main() -> std::process::ExitCode {
    knotbot::cli::main()
}
