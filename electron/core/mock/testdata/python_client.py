"""Calls a mock server with Python's grpcio, for all four kinds, with bytes in and out.

The messages are the demo's, encoded by hand (protobuf's wire format for the few fields used),
so the test needs grpcio only. Prints one JSON object: what each call got.
"""
import json
import sys

import grpc


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def string_field(number, text):
    data = text.encode()
    return varint(number << 3 | 2) + varint(len(data)) + data


def int_field(number, value):
    return varint(number << 3) + varint(value)


def main():
    address = sys.argv[1]
    identity = None  # bytes in, bytes out
    with grpc.insecure_channel(address) as channel:
        unary = channel.unary_unary('/loupe.demo.v1.Demo/Echo', request_serializer=identity, response_deserializer=identity)
        server = channel.unary_stream('/loupe.demo.v1.Demo/Ticker', request_serializer=identity, response_deserializer=identity)
        client = channel.stream_unary('/loupe.demo.v1.Demo/Sum', request_serializer=identity, response_deserializer=identity)
        bidi = channel.stream_stream('/loupe.demo.v1.Demo/Chat', request_serializer=identity, response_deserializer=identity)
        result = {
            'unary': unary(string_field(1, 'py'), timeout=30).hex(),
            'server': [m.hex() for m in server(int_field(1, 3), timeout=30)],
            'client': client(iter([int_field(1, 40), int_field(1, 2)]), timeout=30).hex(),
            'bidi': [m.hex() for m in bidi(iter([string_field(2, 'a'), string_field(2, 'b')]), timeout=30)],
        }
        try:
            unary(string_field(1, 'fail'), timeout=30)
            result['error'] = None
        except grpc.RpcError as err:
            result['error'] = {'code': err.code().name, 'details': err.details()}
    print(json.dumps(result))


main()
