// The current 6-digit TOTP code (RFC 6238: HMAC-SHA1, 30-second steps) for a base32 shared key, as an authenticator app shows it.
const crypto = require("crypto");
const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
let bits = "";
for (const c of process.argv[2].toUpperCase().replace(/[^A-Z2-7]/g, "")) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
const key = Buffer.from(bits.match(/.{8}/g).map(b => parseInt(b, 2)));
const counter = Buffer.alloc(8);
counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000 / 30)));
const h = crypto.createHmac("sha1", key).update(counter).digest();
const o = h[h.length - 1] & 0xf;
console.log(String((h.readUInt32BE(o) & 0x7fffffff) % 1000000).padStart(6, "0"));
