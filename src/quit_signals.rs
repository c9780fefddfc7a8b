//! SIGTERM and SIGHUP held back for a moment. A thread that blocks them passes the mask on
//! to the threads it starts; a signal sent to the process meanwhile waits (pending) until a
//! thread unblocks it, then reaches the handler installed by then.
//!
//! The TUI holds them from before it takes the terminal over until the update loop's handlers
//! are in (the async runtime is built after the first frame), so that a quit signal always
//! goes through the loop, which restores the terminal. Threads started early, with nothing to
//! restore, are started with them blocked ([`spawn_without`]): the kernel hands a process's
//! signal to any thread that does not block it, and one without a handler would end the
//! process there.

/// The signals are blocked in this thread until this is dropped.
#[must_use = "the signals are held until this is dropped"]
pub struct Held {
    #[cfg(unix)]
    set: libc::sigset_t,
}

/// Block SIGTERM and SIGHUP in this thread (and in the threads it starts meanwhile).
pub fn hold() -> Held {
    #[cfg(unix)]
    // SAFETY: a signal set on the stack, emptied before use, and this thread's own mask.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGTERM);
        libc::sigaddset(&mut set, libc::SIGHUP);
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
        Held { set }
    }
    #[cfg(not(unix))]
    Held {}
}

impl Drop for Held {
    fn drop(&mut self) {
        #[cfg(unix)]
        // SAFETY: unblocking the set `hold` blocked, in this thread's own mask.
        unsafe {
            libc::pthread_sigmask(libc::SIG_UNBLOCK, &self.set, std::ptr::null_mut());
        }
    }
}

/// Start a named thread that never takes SIGTERM or SIGHUP (it is started with them blocked).
pub fn spawn_without<F: FnOnce() + Send + 'static>(name: &str, f: F) -> std::io::Result<()> {
    let _held = hold();
    std::thread::Builder::new()
        .name(name.into())
        .spawn(f)
        .map(drop)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn blocked(sig: libc::c_int) -> bool {
        // SAFETY: reading this thread's mask into a zeroed set.
        unsafe {
            let mut now: libc::sigset_t = std::mem::zeroed();
            libc::pthread_sigmask(libc::SIG_BLOCK, std::ptr::null(), &mut now);
            libc::sigismember(&now, sig) == 1
        }
    }

    #[test]
    fn held_blocks_both_until_dropped_and_a_thread_started_without_them_keeps_them_blocked() {
        // A fresh thread: the test harness's own mask is not ours to change.
        std::thread::spawn(|| {
            assert!(!blocked(libc::SIGTERM) && !blocked(libc::SIGHUP));
            let held = hold();
            assert!(blocked(libc::SIGTERM) && blocked(libc::SIGHUP));
            assert!(!blocked(libc::SIGINT), "only the two quit signals");
            drop(held);
            assert!(!blocked(libc::SIGTERM) && !blocked(libc::SIGHUP));

            let (tx, rx) = std::sync::mpsc::channel();
            spawn_without("probe", move || {
                tx.send((blocked(libc::SIGTERM), blocked(libc::SIGHUP)))
                    .unwrap();
            })
            .unwrap();
            assert_eq!(rx.recv().unwrap(), (true, true));
            // The starting thread has them back.
            assert!(!blocked(libc::SIGTERM) && !blocked(libc::SIGHUP));
        })
        .join()
        .unwrap();
    }
}
