//! English: every word of the page (see [`super`]).

use super::*;

pub static WORDS: Words = Words {
    lang: Lang::En,
    app: AppWords {
        skip_to_tree: "Skip to the namespace tree",
        tagline: "What the Linux kernel really does with a signal across PID namespaces",
        send_region: "Send a signal",
        details_region: "Details",
        the_kernel: "the kernel",
    },
    toolbar: ToolbarWords {
        kernel: "Kernel",
        kernel_version: "Kernel version",
        undo: "Undo",
        undo_title: "Undo (Ctrl+Z)",
        redo: "Redo",
        redo_title: "Redo (Ctrl+Shift+Z or Ctrl+Y)",
        reset: "Reset",
        copy_link: "Copy link",
        link_copied: "Link copied",
        share: "Share",
        import_export: "Import / export",
        close_import_export: "Close import / export",
        session_file: "The session as a sigscene/1 file",
        apply_json: "Apply this JSON",
        download: "Download",
        load_file: "Load a file…",
        permalink: "Permalink",
        snippet_label: "Embed this session in a page (an iframe, 16:9; README: Embedding)",
        snippet_title: "sigscope: a signal across PID namespaces, step by step",
        language: "Language",
    },
    embed: EmbedWords {
        open: "open in sigscope ↗",
        open_title: "Open this session in sigscope, in a new tab",
    },
    present: PresentWords {
        theme: "Theme",
        theme_auto: "System",
        theme_light: "Light",
        theme_dark: "Dark",
        theme_contrast: "High contrast",
        smaller: "A− (smaller text)",
        larger: "A+ (larger text)",
        scale_now: |p| format!("Text size: {p} %"),
        full_screen: "Full screen",
        leave_full_screen: "Leave full screen",
    },
};
