fn main() -> std::process::ExitCode {
    vflow::cli::main()
}
