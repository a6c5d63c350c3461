//! The `nianbao` command line: parses arguments and hands over to `cli`.

mod cli;

/// mimalloc instead of the system allocator: batch workers allocate and free typst's
/// frames and caches across threads, and glibc's arena locks kept a core idle ~10 % of
/// the time (measured with `perf record -e sched:sched_switch`).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
