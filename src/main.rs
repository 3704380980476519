fn main() -> std::process::ExitCode {
    skene::run()
}
