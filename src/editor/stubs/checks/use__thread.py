import _thread

lock = _thread.allocate_lock()


def worker(n: int) -> None:
    with lock:
        print(n)


tid: int = _thread.start_new_thread(worker, (1,))
if lock.acquire():
    lock.release()
