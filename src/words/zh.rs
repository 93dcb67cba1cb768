//! 简体中文：页面上的每一个词（见 [`super`]）。术语取中文内核文档的
//! 习惯用法：命名空间、信号、进程、僵尸进程、回收；函数名、信号名与
//! 调用（`kill(3, SIGKILL)`）保持原样。

use super::*;

pub static WORDS: Words = Words {
    lang: Lang::Zh,
    app: AppWords {
        skip_to_tree: "跳到命名空间树",
        tagline: "Linux 内核在 PID 命名空间之间究竟如何处理一个信号",
        send_region: "发送信号",
        details_region: "详情",
        the_kernel: "内核",
    },
    toolbar: ToolbarWords {
        kernel: "内核",
        kernel_version: "内核版本",
        undo: "撤销",
        undo_title: "撤销（Ctrl+Z）",
        redo: "重做",
        redo_title: "重做（Ctrl+Shift+Z 或 Ctrl+Y）",
        reset: "重置",
        copy_link: "复制链接",
        link_copied: "链接已复制",
        share: "分享",
        import_export: "导入 / 导出",
        close_import_export: "关闭导入 / 导出",
        session_file: "本会话的 sigscene/1 文件",
        apply_json: "应用此 JSON",
        download: "下载",
        load_file: "载入文件…",
        permalink: "永久链接",
        snippet_label: "把本会话嵌入网页（iframe，16:9；见 README 的 Embedding 一节）",
        snippet_title: "sigscope：一个信号穿过 PID 命名空间的每一步",
        language: "语言",
    },
    embed: EmbedWords {
        open: "在 sigscope 中打开 ↗",
        open_title: "在新标签页中用 sigscope 打开本会话",
    },
    present: PresentWords {
        theme: "主题",
        theme_auto: "跟随系统",
        theme_light: "浅色",
        theme_dark: "深色",
        theme_contrast: "高对比度",
        smaller: "A−（缩小文字）",
        larger: "A+（放大文字）",
        scale_now: |p| format!("文字大小：{p}%"),
        full_screen: "全屏",
        leave_full_screen: "退出全屏",
    },
};
