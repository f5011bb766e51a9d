# multiprocessing.Pipe: messages both ways, poll, a one-way pipe read to its EOFError (once
# every copy of the writing end is closed, the parent's too), a closed end's errors.
from multiprocessing import Pipe, Process


def echo(conn):
    while True:
        message = conn.recv()
        if message is None:
            break
        conn.send(message * 2)
    conn.close()


def produce(conn, n):
    for i in range(n):
        conn.send({'item': i})
    conn.close()


if __name__ == '__main__':
    here, there = Pipe()
    p = Process(target=echo, args=(there,))
    p.start()
    print('anything to read?', here.poll())
    for message in ['ab', 21, [1, None]]:
        here.send(message)
        print(here.recv())
    here.send(None)
    p.join()
    print('exitcode', p.exitcode)

    reader, writer = Pipe(duplex=False)
    q = Process(target=produce, args=(writer, 4))
    q.start()
    writer.close()
    got = []
    while True:
        try:
            got.append(reader.recv()['item'])
        except EOFError:
            print('EOFError after', got)
            break
    q.join()
    print('poll at the end:', reader.poll(0.05))
    for conn, what in [(writer, 'x'), (reader, 'y')]:
        try:
            conn.send(what)
        except OSError as e:
            print('OSError:', e)
    try:
        writer.recv()
    except OSError as e:
        print('OSError:', e)
    r, w = Pipe(duplex=False)
    with w:
        w.send_bytes(b'abcdef', 1, 3)
    print(r.recv_bytes(), w.closed, r.readable, r.writable)
