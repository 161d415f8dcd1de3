// Test data: text-format messages covering every field kind, well-known type and notation.

export interface TextSample {
  name: string;
  type: string;
  text: string;
}

export const TEXT_SAMPLES: TextSample[] = [
  {
    name: 'scalar extremes',
    type: 'kitchen.Sink',
    text: String.raw`
      f_double: -0
      f_float: 3.4028235e38
      f_int32: -2147483648
      f_int64: -9223372036854775808
      f_uint32: 4294967295
      f_uint64: 18446744073709551615
      f_sint32: -1
      f_sint64: 9223372036854775807
      f_fixed32: 4294967295
      f_fixed64: 18446744073709551615
      f_sfixed32: -2147483648
      f_sfixed64: -9223372036854775808
      f_bool: true
      f_string: "tab\t quote\" nl\n \303\251 \u65e5\346\234\254 'single'"
      f_bytes: "\000\001\377\xfe\'\"\\"
      f_enum: HIGH
    `,
  },
  {
    name: 'floats that JSON cannot hold, lists, angle brackets, comments',
    type: 'kitchen.Sink',
    text: String.raw`
      # a comment
      f_double: nan
      f_float: -inf
      f_int32: 0x7fffffff  # hexadecimal
      f_int64: 0777        # octal
      r_int64: [1, -2, 9223372036854775807]
      r_int64: 3
      r_enum: [LOW, 2, HIGH]
      r_message < f_int32: 1 >
      r_message { f_string: 'single' "-quoted" }
      r_message [{ f_bool: t }, { f_bool: False }]
      c_message { f_message { f_message { f_double: Infinity } } };
      o_int32: 0,
    `,
  },
  {
    name: 'maps',
    type: 'kitchen.Sink',
    text: String.raw`
      m_string_int64 { key: "" value: -9223372036854775808 }
      m_int64_string [{ key: -1 value: "minus one" }, { key: 18 value: "" }]
      m_bool_sink { key: true value { f_enum: LOW } }
    `,
  },
  {
    name: 'well-known types and nested Any',
    type: 'kitchen.Sink',
    text: String.raw`
      w_timestamp { seconds: 1700000000 nanos: 5 }
      w_duration { seconds: -1 nanos: -500000000 }
      w_int64 { value: -9223372036854775808 }
      w_string { }
      w_bool { value: false }
      w_bytes { value: "\377\376" }
      w_double { value: -inf }
      w_uint32 { value: 4294967295 }
      w_struct { fields { key: "a" value { number_value: 1.5 } } fields { key: "b" value { null_value: NULL_VALUE } } }
      w_value { list_value { values { string_value: "x" } values { bool_value: true } } }
      w_list { }
      w_mask { paths: "f_int32" paths: "f_message.f_string" }
      w_empty { }
      w_any {
        [type.googleapis.com/kitchen.Sink] {
          f_bytes: ""
          w_any { [type.googleapis.com/google.protobuf.Duration] { seconds: 3 } }
        }
      }
      w_status { code: 3 message: "bad" details { [type.googleapis.com/google.protobuf.Int64Value] { value: 1 } } }
      w_date { year: 2024 month: 2 day: 29 }
      json_named: "custom"
      c_string: ""
    `,
  },
  {
    name: 'proto2: required, group, extensions',
    type: 'legacy.Order',
    text: String.raw`
      id: "o-1"
      quantity: 1
      codes: [1, 2, 300]
      Shipping { address: "1 Main St" }
      [legacy.gift_message]: "hi"
      [legacy.coupons]: [1, -2]
      [legacy.Holder.holder] { label: "held" }
    `,
  },
  {
    name: 'proto2: unpacked and packed repeated, non-UTF-8 and empty bytes',
    type: 'formats.Repeats',
    text: String.raw`
      unpacked: [1, -1, 2147483647]
      packed: [-1, 1, -9223372036854775808]
      floats: [0.1, -0, nan, inf, 1e-45]
      blobs: ["", "\200\201", "plain"]
      raw: ""
    `,
  },
];
