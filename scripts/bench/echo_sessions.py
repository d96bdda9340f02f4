#!/usr/bin/env python3
"""Short echo sessions between an asyncio client and server on loopback, for a real capture.

    python3 echo_sessions.py --port 9700 --seconds 25 --connections 60000 --concurrency 200

Each session connects, sends one to three short lines and reads each echo back, then closes; about
one in twelve is reset instead (close with SO_LINGER 0 sends RST), by the client or the server.
Stops after the given number of sessions or seconds, whichever comes first. Deterministic choices
(seeded), though the kernel's ports, sequence numbers and timing differ from run to run.
"""
import argparse
import asyncio
import random
import socket
import struct
import time

HOST = "127.0.0.1"
RESET_BY_CLIENT = 1 / 16
RESET_BY_SERVER = 1 / 48
LINGER_ZERO = struct.pack("ii", 1, 0)


def reset(writer: asyncio.StreamWriter) -> None:
    """Abort the connection: with SO_LINGER {on, 0 s}, close() sends RST instead of FIN."""
    sock = writer.get_extra_info("socket")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, LINGER_ZERO)
    writer.transport.abort()


async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while line := await reader.readline():
            if line.startswith(b"reset"):
                reset(writer)
                return
            writer.write(line)
            await writer.drain()
        writer.close()
        await writer.wait_closed()
    except ConnectionError:
        writer.transport.abort()


async def session(port: int, rng: random.Random) -> None:
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        for i in range(rng.randint(1, 3)):
            writer.write(f"echo {i} {'x' * rng.randint(1, 60)}\n".encode())
            await reader.readline()
        roll = rng.random()
        if roll < RESET_BY_CLIENT:
            reset(writer)
            return
        if roll < RESET_BY_CLIENT + RESET_BY_SERVER:
            writer.write(b"reset\n")
            await reader.read()
        writer.close()
        await writer.wait_closed()
    except ConnectionError:
        writer.transport.abort()


async def client(port: int, deadline: float, budget: list[int], seed: int) -> None:
    rng = random.Random(seed)
    while budget[0] > 0 and time.monotonic() < deadline:
        budget[0] -= 1
        await session(port, rng)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=9700)
    parser.add_argument("--seconds", type=float, default=25)
    parser.add_argument("--connections", type=int, default=60000)
    parser.add_argument("--concurrency", type=int, default=200)
    args = parser.parse_args()
    server = await asyncio.start_server(serve, HOST, args.port, backlog=4096)
    deadline = time.monotonic() + args.seconds
    budget = [args.connections]
    async with server:
        await asyncio.gather(*(client(args.port, deadline, budget, seed) for seed in range(args.concurrency)))
    print(f"{args.connections - budget[0]} sessions")


if __name__ == "__main__":
    asyncio.run(main())
