//! Raw deflate (RFC 1951) through the browser's own `CompressionStream` and
//! `DecompressionStream`, for the permalinks ([`crate::permalink`]): the
//! page carries no compression code of its own, which would weigh on every
//! visit for the sake of a shorter address.
//!
//! Inflating reads what a stranger's link carries, so it is bounded: it
//! stops past `limit` bytes of output (a few KB of deflate expand to
//! gigabytes) and gives up after [`INFLATE_TIMEOUT_MS`], and every failure
//! is an `Err` with the reason the page shows, never a panic.

use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, ReadableStream, ReadableStreamDefaultReader, ReadableWritablePair, Response,
    WritableStream,
};

// web-sys has both streams behind `--cfg web_sys_unstable_apis`, a flag
// that would rebuild every crate for the two constructors used here.
#[wasm_bindgen]
extern "C" {
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &CompressionStream) -> ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &CompressionStream) -> WritableStream;

    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> WritableStream;
}

/// Raw deflate: no header or checksum (gzip's would add 18 bytes to every
/// link, zlib's 6).
const FORMAT: &str = "deflate-raw";

/// How long a link may take to inflate before the page gives up on it.
/// Inflating the largest scenario allowed takes a few milliseconds; the
/// bound is for a stream that never settles.
pub const INFLATE_TIMEOUT_MS: i32 = 5_000;

fn through(bytes: &[u8], pair: ReadableWritablePair) -> Result<ReadableStream, JsValue> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let blob = Blob::new_with_u8_array_sequence(&parts)?;
    Ok(blob.stream().pipe_through(&pair))
}

/// `bytes` deflated, or `None` where the browser has no
/// `CompressionStream` (the page then writes the plain link).
pub async fn deflate(bytes: &[u8]) -> Option<Vec<u8>> {
    let cs = CompressionStream::new(FORMAT).ok()?;
    let pair = ReadableWritablePair::new(&cs.readable(), &cs.writable());
    let stream = through(bytes, pair).ok()?;
    let response = Response::new_with_opt_readable_stream(Some(&stream)).ok()?;
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    Some(Uint8Array::new(&buffer).to_vec())
}

/// A promise that resolves to `undefined` after `ms`: raced against each
/// read, it ends a stream that never settles. Built from the promise's own
/// `resolve`, so no Rust closure is left behind.
fn timer(ms: i32) -> Promise {
    Promise::new(&mut |resolve, _reject| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    })
}

/// `bytes` inflated, at most `limit` bytes of it; else why not, in the
/// words the page shows under "the link could not be opened".
pub async fn inflate(bytes: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    let no_api = |_| "this browser cannot open compressed links (no DecompressionStream)";
    let ds = DecompressionStream::new(FORMAT).map_err(no_api)?;
    let pair = ReadableWritablePair::new(&ds.readable(), &ds.writable());
    let stream = through(bytes, pair).map_err(|_| "the link's scenario could not be read")?;
    let reader = ReadableStreamDefaultReader::new(&stream)
        .map_err(|_| "the link's scenario could not be read")?;
    let deadline = timer(INFLATE_TIMEOUT_MS);
    let stop = |reader: &ReadableStreamDefaultReader| {
        // Its promise rejects if the stream already failed: awaited and
        // dropped, so the page reports no unhandled rejection.
        let cancelled = JsFuture::from(reader.cancel());
        wasm_bindgen_futures::spawn_local(async move {
            let _ = cancelled.await;
        });
    };
    let mut out = Vec::new();
    loop {
        let next = Promise::race(&Array::of2(&reader.read(), &deadline));
        let chunk = match JsFuture::from(next).await {
            Ok(c) => c,
            // A TypeError from the stream: not deflate, or cut short.
            Err(_) => return Err("the link's scenario is damaged (it does not inflate)".into()),
        };
        if chunk.is_undefined() {
            stop(&reader);
            return Err(format!(
                "the link's scenario did not inflate within {} s",
                INFLATE_TIMEOUT_MS / 1000
            ));
        }
        let field = |k: &str| js_sys::Reflect::get(&chunk, &k.into()).unwrap_or_default();
        if field("done").as_bool() == Some(true) {
            return Ok(out);
        }
        let Some(value) = field("value").dyn_into::<Uint8Array>().ok() else {
            stop(&reader);
            return Err("the link's scenario could not be read".into());
        };
        if out.len() + value.length() as usize > limit {
            stop(&reader);
            return Err(format!(
                "the link's scenario inflates to more than {} MiB",
                limit >> 20
            ));
        }
        let at = out.len();
        out.resize(at + value.length() as usize, 0);
        value.copy_to(&mut out[at..]);
    }
}
