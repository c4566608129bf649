<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Sotto</source>
        <translation>关于 Sotto</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>版本 {version}</translation>
    </message>
    <message>
        <source>Your conversations never leave this computer, are never written to disk in readable form, and can be forgotten completely with one click.</source>
        <translation>你的对话绝不会离开这台电脑，绝不会以可读的形式写入磁盘，并且只需一次点击就能被彻底遗忘。</translation>
    </message>
    <message>
        <source>Run self-check</source>
        <translation>运行自检</translation>
    </message>
    <message>
        <source>Checks that the inference library runs on this processor, that the starter model writes, and that an encrypted history can be written and read back.</source>
        <translation>检查推理库能否在这台电脑的处理器上运行、入门模型能否生成文字，以及加密的历史记录能否写入并读回。</translation>
    </message>
    <message>
        <source>Its lines appear here. They hold nothing of your conversations.</source>
        <translation>检查结果会显示在这里，其中不含你的任何对话内容。</translation>
    </message>
    <message>
        <source>Checking… this takes a few seconds.</source>
        <translation>正在检查…需要几秒钟。</translation>
    </message>
    <message>
        <source>Every check passed.</source>
        <translation>所有检查均已通过。</translation>
    </message>
    <message>
        <source>Some checks failed. Copy these lines for whoever helps you.</source>
        <translation>部分检查未通过。请把这几行复制给为你提供帮助的人。</translation>
    </message>
</context>
<context>
    <name>Activity</name>
    <message>
        <source>{done} of {total}</source>
        <translation>{done} / {total}</translation>
    </message>
    <message>
        <source>{speed}/s</source>
        <translation>{speed}/秒</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation>剩余 {time}</translation>
    </message>
</context>
<context>
    <name>ActivityRow</name>
    <message>
        <source>Waiting for its turn…</source>
        <translation>正在排队等候…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>AlreadyInstalledError</name>
    <message>
        <source>{name} is already installed. Remove it from the library first to add it again.</source>
        <translation>{name} 已安装。如需重新添加，请先将它从模型库中移除。</translation>
    </message>
</context>
<context>
    <name>ApiSection</name>
    <message>
        <source>Other apps</source>
        <translation>其他应用</translation>
    </message>
    <message>
        <source>&amp;Let other apps on this computer use Sotto</source>
        <translation>允许本机上的其他应用使用 Sotto(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Make a new &amp;token</source>
        <translation>生成新令牌(&amp;T)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>令牌：</translation>
    </message>
    <message>
        <source>Web pages allowed:</source>
        <translation>允许的网页：</translation>
    </message>
    <message>
        <source>A web page is refused unless its address is listed here, such as https://example.com (several separated by spaces).</source>
        <translation>网页的地址不在此列表中就会被拒绝，例如 https://example.com（多个地址以空格分隔）。</translation>
    </message>
    <message>
        <source>Apps on this computer that show this token can use your models at {address}, as they use OpenAI&apos;s API. What they ask is not saved in your history; other computers cannot reach it.</source>
        <translation>本机上出示此令牌的应用可以在 {address} 使用你的模型，用法与 OpenAI 的 API 相同。它们的请求不会保存到你的历史记录中；其他计算机无法访问。</translation>
    </message>
    <message>
        <source>Off: no app can use Sotto. When on, apps on this computer (never other computers) that show a token can use your models at {address}.</source>
        <translation>已关闭：任何应用都不能使用 Sotto。打开后，本机上（绝不包括其他计算机）出示令牌的应用可以在 {address} 使用你的模型。</translation>
    </message>
    <message>
        <source>{origin} is not a web page&apos;s origin: write it as https://example.com, with its port if it has one.</source>
        <translation>{origin} 不是网页的来源：请写成 https://example.com 的形式，如有端口请一并写上。</translation>
    </message>
</context>
<context>
    <name>ApiTokenUnavailableError</name>
    <message>
        <source>The system keyring did not give Sotto the token of its local API ({detail}). It may be locked: unlock it, then try again.</source>
        <translation>系统密钥环没有向 Sotto 提供其本地 API 的令牌（{detail}）。密钥环可能已锁定：请解锁后重试。</translation>
    </message>
</context>
<context>
    <name>AppSettings</name>
    <message>
        <source>Sotto could not read its settings file, so it stays offline until you turn offline mode off, and uses its default settings.</source>
        <translation>Sotto 无法读取它的设置文件，因此在你关闭离线模式之前会一直保持离线，并使用默认设置。</translation>
    </message>
    <message>
        <source>Sotto could not tell from its settings file whether offline mode is on, so it stays offline until you turn offline mode off.</source>
        <translation>Sotto 无法从设置文件中判断离线模式是否开启，因此在你关闭离线模式之前会一直保持离线。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Some settings in Sotto&apos;s settings file could not be used and are back to their defaults: {settings}.</source>
        <translation>Sotto 设置文件中的部分设置无法使用，已恢复为默认值：{settings}。</translation>
    </message>
    <message>
        <source>language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>offline mode</source>
        <translation>离线模式</translation>
    </message>
    <message>
        <source>the key that sends</source>
        <translation>发送键</translation>
    </message>
    <message>
        <source>the window&apos;s size and place</source>
        <translation>窗口的大小和位置</translation>
    </message>
    <message>
        <source>theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>text size</source>
        <translation>文字大小</translation>
    </message>
    <message>
        <source>processor threads</source>
        <translation>处理器线程数</translation>
    </message>
    <message>
        <source>graphics card layers</source>
        <translation>显卡层数</translation>
    </message>
    <message>
        <source>context length</source>
        <translation>上下文长度</translation>
    </message>
    <message>
        <source>passages given with each question</source>
        <translation>每个问题附带的段落数</translation>
    </message>
    <message>
        <source>letting other apps use Sotto</source>
        <translation>允许其他应用使用 Sotto</translation>
    </message>
    <message>
        <source>the port of Sotto&apos;s API</source>
        <translation>Sotto API 的端口</translation>
    </message>
    <message>
        <source>the web pages that may use Sotto&apos;s API</source>
        <translation>可以使用 Sotto API 的网页</translation>
    </message>
    <message>
        <source>default model</source>
        <translation>默认模型</translation>
    </message>
    <message>
        <source>embedding model</source>
        <translation>嵌入模型</translation>
    </message>
</context>
<context>
    <name>CatalogTab</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Good at</source>
        <translation>擅长</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>在这台电脑上</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Everyday help</source>
        <translation>日常帮手</translation>
    </message>
    <message>
        <source>Programming</source>
        <translation>编程</translation>
    </message>
    <message>
        <source>Writing and role-play</source>
        <translation>写作与角色扮演</translation>
    </message>
    <message>
        <source>Small and quick</source>
        <translation>小巧快速</translation>
    </message>
    <message>
        <source>Embedding (for documents)</source>
        <translation>嵌入模型（用于文档）</translation>
    </message>
    <message>
        <source>Try first on this computer: {name}</source>
        <translation>这台电脑上先试试：{name}</translation>
    </message>
    <message>
        <source>Best of these on this computer: {name}</source>
        <translation>这一类中最适合这台电脑的：{name}</translation>
    </message>
    <message>
        <source>The best size for this computer: {quant}.</source>
        <translation>最适合这台电脑的大小：{quant}。</translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation>推荐</translation>
    </message>
    <message>
        <source>The model and size to try first on this computer</source>
        <translation>在这台电脑上最先尝试的模型和大小</translation>
    </message>
    <message>
        <source>It fits, but would write too slowly to follow on this computer.</source>
        <translation>放得下，但在这台电脑上生成得太慢，跟不上阅读。</translation>
    </message>
    <message>
        <source>No size of it fits this computer&apos;s memory.</source>
        <translation>它的任何大小都放不进这台电脑的内存。</translation>
    </message>
    <message>
        <source>Choose a model, then one of its sizes, to download it.</source>
        <translation>先选择一个模型，再选择它的一种大小，即可下载。</translation>
    </message>
    <message>
        <source>Languages: {languages}.</source>
        <translation>语言：{languages}。</translation>
    </message>
    <message>
        <source>License: {license}. For searching your documents, not for chatting: once downloaded, choose it in Settings → Documents.</source>
        <translation>许可证：{license}。用于搜索你的文档，而不是聊天：下载后请在“设置 → 文档”中选择它。</translation>
    </message>
    <message>
        <source>License: {license}. Remembers up to {tokens} tokens.</source>
        <translation>许可证：{license}。最多能记住 {tokens} 个词元。</translation>
    </message>
    <message>
        <source>Not confirmed on the hub: {note}</source>
        <translation>尚未在 Hugging Face Hub 上确认：{note}</translation>
    </message>
</context>
<context>
    <name>CertificateFileError</name>
    <message>
        <source>{file} holds no certificate Sotto can read. Ask your administrator for the certificate authority&apos;s file in PEM form (it starts with “-----BEGIN CERTIFICATE-----”).</source>
        <translation>{file} 中没有 Sotto 能读取的证书。请向管理员索取 PEM 格式的证书颁发机构文件（以“-----BEGIN CERTIFICATE-----”开头）。</translation>
    </message>
</context>
<context>
    <name>CertificateNotTrustedError</name>
    <message>
        <source>Sotto does not trust the certificate of {server}, so nothing was sent. If your firm has its own certificate authority, add its certificate file to the server.</source>
        <translation>Sotto 不信任 {server} 的证书，因此没有发送任何内容。如果你的公司有自己的证书颁发机构，请把它的证书文件添加到这台服务器的设置中。</translation>
    </message>
</context>
<context>
    <name>ChangeRow</name>
    <message>
        <source>{headings} · paragraph {number}</source>
        <translation>{headings} · 第 {number} 段</translation>
    </message>
    <message>
        <source>Paragraph {number}</source>
        <translation>第 {number} 段</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>The model&apos;s reply was cut off before its end: accepted, this change would drop the rest of the paragraph.</source>
        <translation>模型的回复在结束前被截断：如果接受，这一修改会丢掉该段的其余部分。</translation>
    </message>
</context>
<context>
    <name>ChatColumn</name>
    <message>
        <source>The preset of this chat: how the model is told to answer</source>
        <translation>此对话的预设：告诉模型如何回答</translation>
    </message>
    <message>
        <source>The documents this chat answers from, citing them; they stay on this computer</source>
        <translation>此对话据以回答并引用的文档；它们留在这台电脑上</translation>
    </message>
    <message>
        <source>Attach documents: PDF, Word, text, Markdown, HTML or pictures of pages (or drop them here); the arrow offers to revise a Word document</source>
        <translation>附加文档：PDF、Word、文本、Markdown、HTML 或页面的图片（也可以拖放到这里）；箭头处可以修订 Word 文档</translation>
    </message>
    <message>
        <source>Attach documents</source>
        <translation>附加文档</translation>
    </message>
    <message>
        <source>Find, download, import and remove models</source>
        <translation>查找、下载、导入和移除模型</translation>
    </message>
    <message>
        <source>Chat with models on your firm&apos;s own server</source>
        <translation>与贵公司自己服务器上的模型对话</translation>
    </message>
    <message>
        <source>Incognito: this chat is never written to disk and is gone when you leave it.</source>
        <translation>无痕：此对话绝不会写入磁盘，离开后即消失。</translation>
    </message>
    <message>
        <source>Save the reply again</source>
        <translation>再次保存回复</translation>
    </message>
    <message>
        <source>The reply is shown but not saved yet; Copy under it keeps it too</source>
        <translation>回复已显示但尚未保存；也可以用它下方的“复制”留存</translation>
    </message>
    <message>
        <source>Editing a message: sending starts a new branch from it; the old one is kept. Esc cancels.</source>
        <translation>正在编辑消息：发送后会从这里开始一个新分支，原来的分支会保留。按 Esc 取消。</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Stop the reply (Esc)</source>
        <translation>停止回复（Esc）</translation>
    </message>
    <message>
        <source>Messages in this chat are sent to {host}. The history stays on this computer, encrypted.</source>
        <translation>此对话中的消息会发送到 {host}。对话记录仍加密保存在这台电脑上。</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <source>Leave the incognito chat</source>
        <translation>离开无痕对话</translation>
    </message>
    <message>
        <source>This incognito chat is never saved: leaving it ends it for good, and nothing of it can be found again. Leave it?</source>
        <translation>此无痕对话从不保存：离开后它将永久结束，其中的内容再也无法找回。要离开吗？</translation>
    </message>
    <message>
        <source>A reply is being written in another chat; send once it has ended</source>
        <translation>另一个对话正在生成回复；请在它结束后再发送</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>Interrupted: Sotto stopped before this reply was finished</source>
        <translation>已中断：这条回复尚未完成时 Sotto 就停止了</translation>
    </message>
    <message>
        <source>Cut off: the connection to the server broke before this reply was finished</source>
        <translation>已中断：这条回复完成之前，与服务器的连接断开了</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <source>Searching your documents…</source>
        <translation>正在搜索你的文档…</translation>
    </message>
    <message>
        <source>{n} files of {name} are not read yet, so this answer does not draw on them. Resume their reading in File → Documents.</source>
        <translation>{name} 中有 {n} 个文件尚未读取，因此这个回答没有参考它们。请在“文件 → 文档”中继续读取。</translation>
    </message>
    <message>
        <source>Waiting for your documents to be read… {done} of {total} files</source>
        <translation>正在等待读取你的文档… 已读 {done} / {total} 个文件</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <source>Reading your message…</source>
        <translation>正在阅读你的消息…</translation>
    </message>
    <message>
        <source>Continued: {tokens} more tokens · {speed:.1f} tokens/s · first token after {first:.2f} s</source>
        <translation>已继续：又生成 {tokens} 个词元 · {speed:.1f} 词元/秒 · 首个词元用时 {first:.2f} 秒</translation>
    </message>
    <message>
        <source>{tokens} tokens · {speed:.1f} tokens/s · first token after {first:.2f} s</source>
        <translation>{tokens} 个词元 · {speed:.1f} 词元/秒 · 首个词元用时 {first:.2f} 秒</translation>
    </message>
    <message>
        <source>Stopped · {stats}</source>
        <translation>已停止 · {stats}</translation>
    </message>
    <message>
        <source>Cut off · {stats}</source>
        <translation>已中断 · {stats}</translation>
    </message>
    <message>
        <source>Not saved · {stats}</source>
        <translation>未保存 · {stats}</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>No model loaded: choose one above</source>
        <translation>尚未加载模型：请在上方选择一个</translation>
    </message>
    <message>
        <source>Stopped before the reply began</source>
        <translation>已在回复开始前停止</translation>
    </message>
    <message>
        <source>Incognito chat</source>
        <translation>无痕对话</translation>
    </message>
    <message>
        <source>In “{title}”: {text}</source>
        <translation>在“{title}”中：{text}</translation>
    </message>
    <message>
        <source>This reply is not saved yet. Copy it, or save it again once the disk allows: {reason}</source>
        <translation>此回复尚未保存。请复制它，或在磁盘允许时再次保存：{reason}</translation>
    </message>
    <message>
        <source>This message makes the conversation {tokens} tokens long, more than the {total} the model reads at once. Shorten it, or choose a longer context in the chat settings.</source>
        <translation>加上这条消息，对话长达 {tokens} 个词元，超过了模型一次能读的 {total} 个。请缩短它，或在对话设置中选择更长的上下文。</translation>
    </message>
    <message>
        <source>With this message the conversation takes {tokens} of the model&apos;s {total} tokens, and {reserved} are kept for its reply: its oldest turns would be left out. Start a new chat, or choose a longer context in the chat settings.</source>
        <translation>加上这条消息，对话占用模型 {total} 个词元中的 {tokens} 个，另有 {reserved} 个留给回复：最早的几轮对话将被略去。请开始新对话，或在对话设置中选择更长的上下文。</translation>
    </message>
</context>
<context>
    <name>ChatDocuments</name>
    <message>
        <source>Attach documents</source>
        <translation>附加文档</translation>
    </message>
    <message>
        <source>Reading documents for {name}</source>
        <translation>正在为“{name}”读取文档</translation>
    </message>
</context>
<context>
    <name>ChatExport</name>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <source>Exported from Sotto on {date}.</source>
        <translation>于 {date} 从 Sotto 导出。</translation>
    </message>
    <message>
        <source>Exported from Sotto on {date}. Model: {model}.</source>
        <translation>于 {date} 从 Sotto 导出。模型：{model}。</translation>
    </message>
</context>
<context>
    <name>ChatHeader</name>
    <message>
        <source>Chat settings</source>
        <translation>对话设置</translation>
    </message>
</context>
<context>
    <name>ChatMarkdown</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>ChatSettingsController</name>
    <message>
        <source>No documents</source>
        <translation>不使用文档</translation>
    </message>
    <message>
        <source>{name} (removed)</source>
        <translation>{name}（已移除）</translation>
    </message>
    <message>
        <source>My preset</source>
        <translation>我的预设</translation>
    </message>
</context>
<context>
    <name>ChatSettingsPanel</name>
    <message>
        <source>Keep this system prompt as a preset of your own</source>
        <translation>将此系统提示词保存为你自己的预设</translation>
    </message>
    <message>
        <source>Delete preset</source>
        <translation>删除预设</translation>
    </message>
    <message>
        <source>Delete this preset (only your own can be deleted)</source>
        <translation>删除此预设（只能删除你自己创建的预设）</translation>
    </message>
    <message>
        <source>No system prompt</source>
        <translation>无系统提示词</translation>
    </message>
    <message>
        <source>Instructions the model reads before the conversation, on every reply</source>
        <translation>模型每次回复前都会先读取的指令</translation>
    </message>
    <message>
        <source>How adventurous the wording is: low values are focused and repeatable, high values more varied.</source>
        <translation>措辞有多大胆：数值低则更集中、更可重复，数值高则更多样。</translation>
    </message>
    <message>
        <source>Only the likeliest next words whose chances add up to this share are considered; 1 considers them all.</source>
        <translation>只考虑可能性最高、概率合计达到此比例的候选词；设为 1 则考虑全部。</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Only this many of the likeliest next words are considered; Off considers all.</source>
        <translation>只考虑可能性最高的这么多个候选词；设为“关闭”则考虑全部。</translation>
    </message>
    <message>
        <source>Words less likely than this share of the likeliest word are never chosen; Off keeps them all.</source>
        <translation>概率低于最可能词的这一比例的词永远不会被选中；设为“关闭”则全部保留。</translation>
    </message>
    <message>
        <source>How strongly the model is kept from repeating itself; Off does not hold it.</source>
        <translation>抑制模型重复自身内容的力度；设为“关闭”则不加限制。</translation>
    </message>
    <message>
        <source>The longest a reply may be, in tokens (a token is about three quarters of a word).</source>
        <translation>一条回复的最大长度，以词元计（一个词元 大约相当于四分之三个英文单词）。</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Random gives a new reply each time; a number gives the same reply to the same prompt and settings.</source>
        <translation>设为“随机”时每次回复都不同；设为数字时，相同的提示和设置总会得到相同的回复。</translation>
    </message>
    <message>
        <source>Model default</source>
        <translation>模型默认值</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 个词元</translation>
    </message>
    <message>
        <source>How much of the conversation the model keeps in view, in tokens; more takes more memory.</source>
        <translation>模型能看到多少对话内容，以词元计；越多占用的内存越多。</translation>
    </message>
    <message>
        <source>Go back to the default preset, sampling and context length</source>
        <translation>恢复默认的预设、采样和上下文长度</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <source>Min-p</source>
        <translation>Min-p</translation>
    </message>
    <message>
        <source>Repeat penalty</source>
        <translation>重复惩罚</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>最大词元数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>上下文长度</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>{name} (edited)</source>
        <translation>{name}（已修改）</translation>
    </message>
    <message>
        <source>Save as preset</source>
        <translation>另存为预设</translation>
    </message>
    <message>
        <source>Name of the new preset:</source>
        <translation>新预设的名称：</translation>
    </message>
    <message>
        <source>Delete the preset “{name}”? Conversations that use it keep their system prompt.</source>
        <translation>要删除预设“{name}”吗？使用它的对话会保留各自的系统提示词。</translation>
    </message>
</context>
<context>
    <name>ChatTemplateError</name>
    <message>
        <source>The chat template inside {name} does not work. Choose another model, or another version of this one.</source>
        <translation>{name} 内的聊天模板无法使用。请选择其他模型，或这个模型的其他版本。</translation>
    </message>
</context>
<context>
    <name>CollectionExistsError</name>
    <message>
        <source>There is already a collection called {name}. Choose another name.</source>
        <translation>已经有名为 {name} 的文档集。请换一个名称。</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Write a message. Ctrl+Enter sends, Enter starts a new line.</source>
        <translation>输入消息。按 Ctrl+Enter 发送，按 Enter 换行。</translation>
    </message>
    <message>
        <source>Write a message. Enter sends, Shift+Enter starts a new line.</source>
        <translation>输入消息。按 Enter 发送，按 Shift+Enter 换行。</translation>
    </message>
</context>
<context>
    <name>ContextMeter</name>
    <message>
        <source>Context: {used} of {total} tokens</source>
        <translation>上下文：已用 {used} / {total} 个词元</translation>
    </message>
    <message>
        <source>The model reads {total} tokens at once; {reserved} of them are kept for its reply, so the conversation may take {room} before its oldest turns are left out.</source>
        <translation>模型一次能读 {total} 个词元，其中 {reserved} 个留给回复，因此对话最多可占 {room} 个，超出后最早的几轮会被略去。</translation>
    </message>
</context>
<context>
    <name>ConversationExport</name>
    <message>
        <source>Export this conversation?</source>
        <translation>要导出此对话吗？</translation>
    </message>
    <message>
        <source>The exported file is not encrypted: anyone who can open it can read this conversation, and it stays on disk until you delete it. Export anyway?</source>
        <translation>导出的文件不会加密：任何能打开它的人都能读到这段对话，而且在你删除之前它会一直留在磁盘上。仍要导出吗？</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Word document (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <source>Export the conversation</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Last active {when}</source>
        <translation>最近活动：{when}</translation>
    </message>
    <message>
        <source>Pinned · {active}</source>
        <translation>已置顶 · {active}</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>已置顶</translation>
    </message>
</context>
<context>
    <name>ConversationTooLongError</name>
    <message>
        <source>Your message and the system prompt ({tokens} tokens) are longer than the model can read at once ({n_ctx} tokens). Shorten the message, or choose a longer context in the chat settings.</source>
        <translation>你的消息和系统提示词（{tokens} 个词元）超出了模型一次能读取的长度（{n_ctx} 个词元）。请缩短消息，或在聊天设置中选择更长的上下文。</translation>
    </message>
</context>
<context>
    <name>DamagedVault</name>
    <message>
        <source>Sotto</source>
        <translation>Sotto</translation>
    </message>
    <message>
        <source>Save a copy keeps the damaged file as it is, in a folder you choose; its key stays where it is, so it can still be read if it is repaired. Start afresh then removes it from Sotto&apos;s folder and begins a new, empty history.</source>
        <translation>“保存副本”会把受损的文件原样保存到你选择的文件夹；它的密钥保留在原处，因此修复后仍可读取。“重新开始”随后会把它从 Sotto 的文件夹中移除，并开始一个新的空白历史。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Save a copy…</source>
        <translation>保存副本…</translation>
    </message>
    <message>
        <source>Start afresh…</source>
        <translation>重新开始…</translation>
    </message>
    <message>
        <source>Save a copy of the damaged history</source>
        <translation>保存受损历史的副本</translation>
    </message>
    <message>
        <source>{file} is already there, and Sotto never writes over a file. Choose another folder.</source>
        <translation>{file} 已经存在，Sotto 从不覆盖文件。请选择另一个文件夹。</translation>
    </message>
    <message>
        <source>The damaged history is copied to {folder}, with the record of how its key is kept. Keep that folder as it is for a repair.</source>
        <translation>受损的历史已复制到 {folder}，并附有其密钥保存方式的记录。请原样保留该文件夹，以便日后修复。</translation>
    </message>
    <message>
        <source>Start afresh</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <source>Remove the damaged history from Sotto&apos;s folder for good and start a new, empty one? A copy you saved is kept.</source>
        <translation>要从 Sotto 的文件夹中永久移除受损的历史，并开始一个新的空白历史吗？你保存的副本会保留。</translation>
    </message>
</context>
<context>
    <name>DateGroup</name>
    <message>
        <source>Pinned</source>
        <translation>已置顶</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Previous 7 days</source>
        <translation>过去 7 天</translation>
    </message>
    <message>
        <source>Previous 30 days</source>
        <translation>过去 30 天</translation>
    </message>
    <message>
        <source>Older</source>
        <translation>更早</translation>
    </message>
</context>
<context>
    <name>DiskFailedError</name>
    <message>
        <source>The disk that holds {folder} reported an error, so Sotto could not read or write its files there. Check that the disk is connected and working, then try again.</source>
        <translation>存放 {folder} 的磁盘报告了错误，因此 Sotto 无法在那里读写文件。请检查磁盘是否已连接并正常工作，然后重试。</translation>
    </message>
</context>
<context>
    <name>DiskFullError</name>
    <message>
        <source>The disk holding {folder} became full while Sotto was adding the model. Free up space, then try again: a download resumes where it stopped.</source>
        <translation>Sotto 添加模型时，{folder} 所在的磁盘已满。请释放一些空间后重试：下载会从中断处继续。</translation>
    </message>
</context>
<context>
    <name>DocumentError</name>
    <message>
        <source>Sotto cannot read {name}: it reads PDF (scanned ones too), Word (.docx), text, Markdown and HTML files, and pictures (PNG, JPEG, TIFF). Save it in one of these formats and add it again.</source>
        <translation>Sotto 无法读取 {name}：它能读取 PDF（包括扫描件）、Word(.docx）、纯文本、Markdown 和 HTML 文件，以及图片（PNG、JPEG、TIFF）。请将其另存为其中一种格式后重新添加。</translation>
    </message>
    <message>
        <source>Sotto could not read {name}: {reason}. Check that the file is there and that you may open it, then add it again.</source>
        <translation>Sotto 无法读取 {name}：{reason}。请确认文件存在且你有权打开它，然后重新添加。</translation>
    </message>
    <message>
        <source>{name} has no text in it. Choose a document that has some.</source>
        <translation>{name} 中没有文字。请选择一个有文字的文档。</translation>
    </message>
    <message>
        <source>{name} is too large: Sotto reads documents of up to {limit}. Split it into smaller files and add those.</source>
        <translation>{name} 太大：Sotto 可读取的文档最大为 {limit}。请将其拆分成较小的文件后再添加。</translation>
    </message>
    <message>
        <source>{name} is damaged, or is not the kind of file its name says, so Sotto cannot read it. Open it in the program that made it, save it again and add it again.</source>
        <translation>{name} 已损坏，或者并不是其名称所示的文件类型，因此 Sotto 无法读取。请用创建它的程序打开，重新保存后再添加。</translation>
    </message>
    <message>
        <source>{name} is {kind}, not an ordinary file, so Sotto did not read it. If it stands for a document, add the document itself.</source>
        <translation>{name} 是{kind}，不是普通文件，所以 Sotto 没有读取它。如果它代表某个文档，请直接添加该文档本身。</translation>
    </message>
    <message>
        <source>a named pipe (FIFO)</source>
        <translation>命名管道（FIFO）</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>a device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>a special file of the system</source>
        <translation>系统的特殊文件</translation>
    </message>
    <message>
        <source>a link that leads round in a circle (a symlink loop)</source>
        <translation>绕成一圈的链接（符号链接循环）</translation>
    </message>
    <message>
        <source>{name} unpacks to more than {limit} of text and layout, more than Sotto reads from one document. Split it into smaller files and add those.</source>
        <translation>{name} 解压后的文字和排版超过 {limit}，超出了 Sotto 从单个文档读取的上限。请将其拆分成较小的文件后再添加。</translation>
    </message>
    <message>
        <source>{name} holds a part that unpacks to more than {ratio} times its packed size, which documents never do: it looks made to fill the memory, so Sotto did not unpack it. Open it in the program that made it, save it again and add it again.</source>
        <translation>{name} 中有一部分解压后超过其压缩大小的 {ratio} 倍，正常文档不会这样：它看起来是为了占满内存而制作的，所以 Sotto 没有解压它。请用创建它的程序打开，重新保存后再添加。</translation>
    </message>
    <message>
        <source>{name} is protected by a password, and Sotto cannot read protected PDFs. Save a copy without the password and add that.</source>
        <translation>{name} 受密码保护，Sotto 无法读取受保护的 PDF。请另存一份不带密码的副本并添加它。</translation>
    </message>
    <message>
        <source>{name} is too large a picture: Sotto reads pictures of up to {limit} million pixels. Scan it again at a lower resolution (300 dots per inch is plenty) and add that.</source>
        <translation>{name} 图片太大：Sotto 最多读取 {limit} 百万像素的图片。请以较低分辨率重新扫描（每英寸 300 点已足够）后再添加。</translation>
    </message>
    <message>
        <source>{name} is scanned, and Sotto could not start its text recognition to read it. Install Sotto again, then update the collection.</source>
        <translation>{name} 是扫描件，而 Sotto 无法启动文字识别来读取它。请重新安装 Sotto，然后更新该文档集。</translation>
    </message>
    <message>
        <source>{name} is a link to {target}, outside the folder {folder}, so Sotto did not follow it. To read it, add {target} itself.</source>
        <translation>{name} 是指向文件夹 {folder} 之外的 {target} 的链接，因此 Sotto 没有跟随它。如需读取，请直接添加 {target}。</translation>
    </message>
</context>
<context>
    <name>DocumentIndexDamagedError</name>
    <message>
        <source>The index of your documents ({path}) is damaged. Your documents themselves are untouched: remove the index in Documents and add them again.</source>
        <translation>你的文档索引（{path}）已损坏。文档本身完好无损：请在“文档”中移除索引，然后重新添加文档。</translation>
    </message>
</context>
<context>
    <name>DocumentIndexLockedError</name>
    <message>
        <source>Sotto cannot open the index of your documents ({path}) with the key of your saved conversations. Your documents themselves are untouched: remove the index in Documents and add them again to search them.</source>
        <translation>Sotto 无法用你已保存对话的密钥打开文档索引（{path}）。文档本身完好无损：请在“文档”中移除索引，然后重新添加文档以便搜索。</translation>
    </message>
</context>
<context>
    <name>DocumentIndexMissingError</name>
    <message>
        <source>The index of your documents, {path}, is empty, although its key is still kept: a copy, sync or restore may have stopped before it was done. Sotto will not start a new, empty index in its place: put back a whole copy, or remove the index in Documents and add your documents again (they are untouched).</source>
        <translation>你的文档索引 {path} 是空的，但它的密钥仍然保存着：可能是复制、同步或恢复在完成前中断了。Sotto 不会用一个新的空索引代替它：请放回完整的副本，或在“文档”中删除该索引并重新添加你的文档（文档本身没有改动）。</translation>
    </message>
    <message>
        <source>The index of your documents, {path}, is missing, although its key is still kept. It may have been moved, deleted or not yet restored. Sotto will not start a new, empty index in its place: put the file back, or remove the index in Documents and add your documents again (they are untouched).</source>
        <translation>你的文档索引 {path} 不见了，但它的密钥仍然保存着。它可能被移动、删除或尚未恢复。Sotto 不会用一个新的空索引代替它：请把文件放回原处，或在“文档”中删除该索引并重新添加你的文档（文档本身没有改动）。</translation>
    </message>
</context>
<context>
    <name>DocumentLibrary</name>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Sotto could not read this file the last time. Update the collection to read it again and see why.</source>
        <translation>Sotto 上次未能读取这个文件。请更新该文档集，重新读取并查看原因。</translation>
    </message>
    <message>
        <source>{folder} cannot be reached: its drive may not be connected, or it was moved, renamed or closed to you. Sotto keeps what it read of its files; update the collection once it is back.</source>
        <translation>无法访问 {folder}：它所在的驱动器可能没有连接，或者它已被移动、重命名，或不再允许你访问。Sotto 会保留已从其中文件读取的内容；它恢复后请更新该文档集。</translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <source>{name} (English, built in)</source>
        <translation>{name}（英文，内置）</translation>
    </message>
    <message>
        <source>&amp;Embedding model:</source>
        <translation>嵌入模型(&amp;E)：</translation>
    </message>
    <message>
        <source>It finds the passages of your documents that answer a question. The built-in model reads English best; download one for other languages from the model library (Embedding, for documents). Collections made with another model are indexed again, after Sotto asks, the next time they are updated.</source>
        <translation>它负责找出文档中能回答问题的段落。内置模型最擅长英文；其他语言可在模型库中下载（嵌入模型，用于文档）。用其他模型建立的文档集，会在下次更新时经 Sotto 询问后重新索引。</translation>
    </message>
    <message>
        <source>&amp;Passages given with each question:</source>
        <translation>每个问题附带的段落数(&amp;P)：</translation>
    </message>
    <message>
        <source>More passages give the model more to go on, and take more of what it can remember. {n} suits most models.</source>
        <translation>段落越多，模型可依据的内容越多，但也会占用更多它能记住的内容。{n} 适合大多数模型。</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
</context>
<context>
    <name>DocumentsWindow</name>
    <message>
        <source>Documents (*.pdf *.docx *.txt *.md *.markdown *.html *.htm *.png *.jpg *.jpeg *.tif *.tiff);;All files (*)</source>
        <translation>文档 (*.pdf *.docx *.txt *.md *.markdown *.html *.htm *.png *.jpg *.jpeg *.tif *.tiff);；所有文件 (*)</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Remove the index…</source>
        <translation>移除索引…</translation>
    </message>
    <message>
        <source>Collection</source>
        <translation>文档集</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Passages</source>
        <translation>段落</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>New collection…</source>
        <translation>新建文档集…</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Index the collection again: only new and changed files are read.</source>
        <translation>重新索引文档集：只读取新增和已更改的文件。</translation>
    </message>
    <message>
        <source>Remove collection…</source>
        <translation>移除文档集…</translation>
    </message>
    <message>
        <source>Make a collection for each matter, then add its files or folders. Sotto reads them once and keeps them up to date; the files stay where they are.</source>
        <translation>为每个案件建立一个文档集，再添加其文件或文件夹。Sotto 只读取一次并保持更新；文件仍留在原处。</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) wait to be indexed</source>
        <translation>
            <numerusform>%n 个文件等待索引</numerusform>
        </translation>
    </message>
    <message>
        <source>A folder cannot be reached: its files are kept as they were read.</source>
        <translation>有一个文件夹无法访问：其中的文件按读取时的样子保留。</translation>
    </message>
    <message>
        <source>New collection</source>
        <translation>新建文档集</translation>
    </message>
    <message>
        <source>Name of the collection (a matter, say “Acme v Beta”):</source>
        <translation>文档集名称（一个案件，例如“甲公司诉乙公司”）：</translation>
    </message>
    <message>
        <source>Remove {name}</source>
        <translation>移除 {name}</translation>
    </message>
    <message>
        <source>Sotto will forget the collection {name} and everything it read of it. Your files stay where they are.</source>
        <translation>Sotto 将遗忘文档集 {name} 及从中读取的一切。你的文件仍留在原处。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the index</source>
        <translation>移除索引</translation>
    </message>
    <message>
        <source>Sotto will delete the index of every collection. Your files stay where they are: add them again to search them.</source>
        <translation>Sotto 将删除所有文档集的索引。你的文件仍留在原处：重新添加即可搜索。</translation>
    </message>
    <message>
        <source>Add files</source>
        <translation>添加文件</translation>
    </message>
    <message>
        <source>Add a folder</source>
        <translation>添加文件夹</translation>
    </message>
    <message>
        <source>Index {name} again?</source>
        <translation>重新索引 {name}？</translation>
    </message>
    <message>
        <source>{name} was indexed with the model {old}; Sotto now searches with {new}. To search it again, {new} must read its passages once more (your files are not read again). Until then it cannot be searched. Do it now?</source>
        <translation>{name} 是用模型 {old} 索引的；Sotto 现在用 {new} 搜索。要再次搜索它，{new} 需要把其段落重新读取一遍（不会重新读取你的文件）。在此之前无法搜索它。现在就做吗？</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Kept: its folder cannot be reached</source>
        <translation>已保留：所在文件夹无法访问</translation>
    </message>
    <message>
        <source>Indexed</source>
        <translation>已索引</translation>
    </message>
    <message>
        <source>Failed: {reason}</source>
        <translation>失败：{reason}</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>{done} of {total} files · {pages} pages · {passages} passages</source>
        <translation>{done} / {total} 个文件 · {pages} 页 · {passages} 个段落</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation>剩余 {time}</translation>
    </message>
    <message>
        <source>recognising the text of scanned page {page} of {pages}</source>
        <translation>正在识别扫描页 {page} / {pages} 的文字</translation>
    </message>
    <message>
        <source>Up to date: {read}, {unchanged} unchanged, {failed} could not be read.</source>
        <translation>已是最新：{read}，{unchanged} 个未更改，{failed} 个无法读取。</translation>
    </message>
    <message>
        <source>Stopped. What was read is kept; Resume goes on from there.</source>
        <translation>已停止。已读取的内容会保留；“继续”将从这里接着进行。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Index again</source>
        <translation>重新索引</translation>
    </message>
    <message>
        <source>Indexing {name}</source>
        <translation>正在索引 {name}</translation>
    </message>
</context>
<context>
    <name>DownloadInterruptedError</name>
    <message>
        <source>The download of {file} stopped at {done} of {total} because the connection was lost. The part already downloaded is kept: download it again to resume where it stopped.</source>
        <translation>由于网络连接中断，{file} 的下载在 {done}（共 {total}）处停止。已下载的部分会保留：再次下载即可从中断处继续。</translation>
    </message>
</context>
<context>
    <name>DownloadVerificationError</name>
    <message>
        <source>The downloaded copy of {file} does not match the checksum the model library publishes, so it may be damaged or altered. It was deleted; download it again, or choose another file.</source>
        <translation>下载的 {file} 与模型库公布的校验和不符，可能已损坏或被篡改。该文件已删除；请重新下载，或选择其他文件。</translation>
    </message>
</context>
<context>
    <name>DuplicateModelError</name>
    <message>
        <source>This model is already in your library as {name}: the file is the same. Nothing was added.</source>
        <translation>这个模型已在你的模型库中，名为 {name}：文件完全相同。没有添加任何内容。</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <source>{n} s</source>
        <translation>{n} 秒</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} 分钟</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} 小时 {m} 分钟</translation>
    </message>
</context>
<context>
    <name>EmbedderChangedError</name>
    <message>
        <source>The collection {name} was indexed with {indexed_with}, not {given}. Index it again with {given} to search it that way.</source>
        <translation>文档集 {name} 是用 {indexed_with} 而不是 {given} 索引的。请用 {given} 重新索引后再这样搜索。</translation>
    </message>
</context>
<context>
    <name>EmbedderError</name>
    <message>
        <source>The model Sotto uses to search your documents is missing ({path}). Install Sotto again to bring it back.</source>
        <translation>Sotto 用来搜索文档的模型不见了（{path}）。请重新安装 Sotto 以恢复它。</translation>
    </message>
    <message>
        <source>The model Sotto uses to search your documents ({name}) is damaged. Install Sotto again to repair it.</source>
        <translation>Sotto 用来搜索文档的模型（{name}）已损坏。请重新安装 Sotto 以修复它。</translation>
    </message>
</context>
<context>
    <name>FileAccessError</name>
    <message>
        <source>you may not use it</source>
        <translation>你没有使用它的权限</translation>
    </message>
    <message>
        <source>it is not there</source>
        <translation>它不存在</translation>
    </message>
    <message>
        <source>it is a folder, not a file</source>
        <translation>它是文件夹，不是文件</translation>
    </message>
    <message>
        <source>a part of its path is not a folder</source>
        <translation>它的路径中有一部分不是文件夹</translation>
    </message>
    <message>
        <source>its links lead round in a circle</source>
        <translation>它的链接绕成了一个圈</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>磁盘是只读的</translation>
    </message>
    <message>
        <source>Sotto could not read or write {file}: {reason}. Check that the file and its folder are there and that you may use them, then try again.</source>
        <translation>Sotto 无法读写 {file}：{reason}。请检查该文件及其所在文件夹是否存在、你是否有权限使用，然后重试。</translation>
    </message>
    <message>
        <source>the system refused</source>
        <translation>系统拒绝了</translation>
    </message>
</context>
<context>
    <name>Fit</name>
    <message>
        <source>Needs about {needed}: {weights} for the model, {cache} to remember {tokens} tokens of conversation and {buffers} of working space.</source>
        <translation>约需 {needed}：模型占 {weights}，记住 {tokens} 个词元的对话需要 {cache}，工作空间需要 {buffers}。</translation>
    </message>
    <message>
        <source>The graphics card has {free} free.</source>
        <translation>显卡的可用显存为 {free}。</translation>
    </message>
    <message>
        <source>This computer has {free} of memory free.</source>
        <translation>这台电脑的可用内存为 {free}。</translation>
    </message>
</context>
<context>
    <name>Forget</name>
    <message>
        <source>Forget everything</source>
        <translation>忘掉一切</translation>
    </message>
    <message>
        <source>Sotto could not delete the key to your history from the system keyring, which it could not reach. The files here are deleted, but any copy of them made before (a backup, a synced folder) can still be read with that key while it exists. To finish, forget everything again where that keyring is available (in your usual desktop session), or delete the entry {entry} of {service} with the keyring&apos;s own manager (such as Passwords and Keys).</source>
        <translation>Sotto 无法访问系统密钥环，因此未能从中删除你历史记录的密钥。这里的文件已删除，但在该密钥仍存在期间，之前制作的任何副本（备份、同步文件夹）仍可用它读取。要完成操作，请在该密钥环可用的地方（你平常的桌面会话中）再次“忘记一切”，或用密钥环自带的管理工具（例如“密码和密钥”）删除 {service} 的条目 {entry}。</translation>
    </message>
    <message>
        <source>These could not be removed, and are still on the disk:
{failed}</source>
        <translation>以下内容无法删除，仍留在磁盘上：
{failed}</translation>
    </message>
    <message>
        <source>Your history was locked with a passphrase, which Sotto never stores, so there was no key to delete. Any copy of the data folder made before (a backup, a synced folder) can still be opened with that passphrase: delete those copies too.</source>
        <translation>你的历史记录由密码短语锁定，而 Sotto 从不保存密码短语，因此没有可删除的密钥。之前制作的数据文件夹的任何副本（备份、同步文件夹）仍可用该密码短语打开：请把这些副本也删除。</translation>
    </message>
    <message>
        <source>Everything was forgotten: Sotto starts afresh</source>
        <translation>所有内容已被遗忘：Sotto 重新开始</translation>
    </message>
</context>
<context>
    <name>ForgetDialog</name>
    <message>
        <source>Forget everything</source>
        <translation>忘掉一切</translation>
    </message>
    <message>
        <source>Delete every conversation, setting and cache of Sotto for good? The key of your history is destroyed first, so no copy of it can ever be read again. Offline mode alone stays on if it is on, until you turn it off.

The models you downloaded or imported are kept, with their file names, unless you tick the box below.</source>
        <translation>要永久删除 Sotto 的所有对话、设置和缓存吗？你的历史记录的密钥会首先被销毁，因此它的任何副本都再也无法读取。只有离线模式例外：如果它已开启，会一直保持开启，直到你关闭它。

你下载或导入的模型及其文件名会保留，除非你勾选下面的选项。</translation>
    </message>
    <message>
        <source>Also delete the models I downloaded or imported</source>
        <translation>同时删除我下载或导入的模型</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Sotto speaks the new language from its next start.</source>
        <translation>Sotto 将在下次启动时使用新语言。</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Enter (Shift+Enter starts a new line)</source>
        <translation>Enter（Shift+Enter 换行）</translation>
    </message>
    <message>
        <source>Ctrl+Enter (Enter starts a new line)</source>
        <translation>Ctrl+Enter（Enter 换行）</translation>
    </message>
    <message>
        <source>&amp;Send a message with:</source>
        <translation>发送消息(&amp;S)：</translation>
    </message>
    <message>
        <source>Small</source>
        <translation>小</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Large</source>
        <translation>大</translation>
    </message>
    <message>
        <source>Larger</source>
        <translation>更大</translation>
    </message>
    <message>
        <source>&amp;Text size:</source>
        <translation>文字大小(&amp;T)：</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>T&amp;heme:</source>
        <translation>主题(&amp;H)：</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
</context>
<context>
    <name>HardwareDetails</name>
    <message>
        <source>Hardware</source>
        <translation>硬件</translation>
    </message>
    <message>
        <source>Processor</source>
        <translation>处理器</translation>
    </message>
    <message>
        <source>{name}, {physical} cores ({logical} threads)</source>
        <translation>{name}，{physical} 核（{logical} 线程）</translation>
    </message>
    <message>
        <source>Instruction sets the inference build uses: {sets}</source>
        <translation>推理库所用的指令集：{sets}</translation>
    </message>
    <message>
        <source>none reported</source>
        <translation>未报告</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>{total} in all, {free} free now; Sotto uses {app}</source>
        <translation>共 {total}，当前可用 {free}；Sotto 占用 {app}</translation>
    </message>
    <message>
        <source>Graphics</source>
        <translation>显卡</translation>
    </message>
    <message>
        <source>Inference settings in force</source>
        <translation>当前推理设置</translation>
    </message>
    <message>
        <source>Nothing to report: everything runs as well as this machine allows.</source>
        <translation>一切正常：所有设置都已充分发挥这台电脑的性能。</translation>
    </message>
    <message>
        <source>Hints</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Details: {details}</source>
        <translation>详细信息：{details}</translation>
    </message>
    <message>
        <source>{name} (driver {driver}), {total} of video memory</source>
        <translation>{name}（驱动 {driver}），显存 {total}</translation>
    </message>
    <message>
        <source>The NVIDIA driver is installed but does not answer, so GPU figures are unavailable. Restarting the computer often brings it back.</source>
        <translation>NVIDIA 驱动已安装但没有响应，因此无法显示 GPU 数据。重新启动电脑通常可以恢复。</translation>
    </message>
    <message>
        <source>No NVIDIA GPU: the model runs on the processor.</source>
        <translation>没有 NVIDIA GPU：模型在处理器上运行。</translation>
    </message>
    <message>
        <source>No model loaded.</source>
        <translation>未加载模型。</translation>
    </message>
    <message>
        <source>{name}: weights {weights}, context memory {kv}</source>
        <translation>{name}：权重 {weights}，上下文内存 {kv}</translation>
    </message>
    <message>
        <source>{threads} threads, {layers} GPU layers, context {ctx} tokens, batch {batch}</source>
        <translation>{threads} 个线程，GPU 层：{layers}，上下文 {ctx} 个词元，批大小 {batch}</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>HardwareGauge</name>
    <message>
        <source>Hardware: click for details</source>
        <translation>硬件：点击查看详情</translation>
    </message>
    <message>
        <source>CPU {all:.0f}%</source>
        <translation>CPU {all:.0f}%</translation>
    </message>
    <message>
        <source>CPU {all:.0f}% (Sotto {app:.0f}%)</source>
        <translation>CPU {all:.0f}%（Sotto {app:.0f}%）</translation>
    </message>
    <message>
        <source>RAM {used} used, {free} free · Sotto {app}</source>
        <translation>内存已用 {used}，可用 {free} · Sotto {app}</translation>
    </message>
    <message>
        <source>RAM {free} free</source>
        <translation>RAM 可用 {free}</translation>
    </message>
    <message>
        <source>RAM {percent:.0f}%</source>
        <translation>RAM {percent:.0f}%</translation>
    </message>
    <message>
        <source>GPU {used} used, {free} free · {load:.0f}%</source>
        <translation>GPU 显存已用 {used}，可用 {free} · {load:.0f}%</translation>
    </message>
    <message>
        <source>GPU {free} free</source>
        <translation>GPU 可用 {free}</translation>
    </message>
    <message>
        <source>GPU {load:.0f}%</source>
        <translation>GPU {load:.0f}%</translation>
    </message>
    <message>
        <source>{speed:.1f} tokens/s</source>
        <translation>{speed:.1f} 词元/秒</translation>
    </message>
    <message>
        <source>Model {weights} + context {kv}</source>
        <translation>模型 {weights} + 上下文 {kv}</translation>
    </message>
</context>
<context>
    <name>HardwareHint</name>
    <message>
        <source>Memory is nearly full: only {available} of {total} is free. Close programs you do not need, or replies may become very slow.</source>
        <translation>内存快满了：{total} 中只有 {available} 可用。请关闭不需要的程序，否则回复可能会变得很慢。</translation>
    </message>
    <message>
        <source>Generation is limited by memory speed, not by the processor: a smaller quantization (fewer bits per weight) will be faster.</source>
        <translation>生成速度受限于内存速度，而不是处理器：换用更小的量化（每权重位数更少）会更快。</translation>
    </message>
    <message>
        <source>The model is larger than the free memory ({size} for {available} free): the system is swapping, which makes replies very slow. Close other programs, or choose a smaller model or a shorter context.</source>
        <translation>模型大于可用内存（模型 {size}，可用 {available}）：系统正在使用交换空间，回复会变得很慢。请关闭其他程序，或选择更小的模型或更短的上下文。</translation>
    </message>
    <message>
        <source>A GPU is present but no layers of the model are offloaded to it. Offload them to the {gpu} ({free} free) in the model&apos;s settings: replies will be much faster.</source>
        <translation>检测到 GPU，但模型没有任何层卸载到 GPU 上。请在模型设置中将层卸载到 {gpu}（可用 {free}）：回复会快很多。</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>Sotto help</source>
        <translation>Sotto 帮助</translation>
    </message>
</context>
<context>
    <name>HubFileNotFoundError</name>
    <message>
        <source>The repository {repo} has no model file called {file}. It may have been renamed or removed; look at the repository&apos;s files again and choose another.</source>
        <translation>仓库 {repo} 中没有名为 {file} 的模型文件。它可能已被重命名或移除；请重新查看该仓库中的文件，另选一个。</translation>
    </message>
</context>
<context>
    <name>HubRepoNotFoundError</name>
    <message>
        <source>The model library has no repository called {repo}. It may have been renamed, deleted or made private; check the name, or search for the model again.</source>
        <translation>模型库中没有名为 {repo} 的仓库。它可能已被重命名、删除或设为私有；请检查名称，或重新搜索该模型。</translation>
    </message>
</context>
<context>
    <name>HubTab</name>
    <message>
        <source>Search the hub for GGUF models, such as “qwen 7b”</source>
        <translation>在 Hugging Face 上搜索 GGUF 模型，例如“qwen 7b”</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Parts</source>
        <translation>分卷数</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Speed here</source>
        <translation>本机速度</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Searching connects to huggingface.co, and only there. Nothing else is sent.</source>
        <translation>搜索时只会连接 huggingface.co，不会连接其他地方，也不会发送其他任何内容。</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>{downloads} downloads</source>
        <translation>{downloads} 次下载</translation>
    </message>
    <message>
        <source>Choose a repository to see its model files.</source>
        <translation>选择一个仓库，查看其中的模型文件。</translation>
    </message>
    <message>
        <source>No GGUF models found. Try other words.</source>
        <translation>未找到 GGUF 模型，请换个关键词试试。</translation>
    </message>
    <message>
        <source>Listing the files of {repo}…</source>
        <translation>正在列出 {repo} 中的文件…</translation>
    </message>
    <message>
        <source>Choose a file, then Download.</source>
        <translation>选择一个文件，然后点击“下载”。</translation>
    </message>
    <message>
        <source>This repository has no GGUF model files.</source>
        <translation>此仓库中没有 GGUF 模型文件。</translation>
    </message>
</context>
<context>
    <name>HubUnreachableError</name>
    <message>
        <source>Sotto could not reach the Hugging Face model library. Check the internet connection and try again; if it keeps failing, the library may be down for a while.</source>
        <translation>Sotto 无法连接 Hugging Face 模型库。请检查网络连接后重试；如果一直失败，模型库可能暂时无法访问。</translation>
    </message>
</context>
<context>
    <name>IndexingService</name>
    <message numerus="yes">
        <source>%n file(s) read</source>
        <translation>
            <numerusform>已读取 %n 个文件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) no longer there were taken out.</source>
        <translation>
            <numerusform>已移除 %n 个不再存在的文件。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) wait to be indexed: it stopped before it was done.</source>
        <translation>
            <numerusform>%n 个文件等待索引：索引在完成前停止了。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InstalledTab</name>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>加载</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>移除…</translation>
    </message>
    <message>
        <source>Import a file…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <source>Add a GGUF model from this computer (or drop it here)</source>
        <translation>从这台电脑添加 GGUF 模型（也可以直接拖放到这里）</translation>
    </message>
    <message>
        <source>Copy imported files into Sotto&apos;s models folder</source>
        <translation>将导入的文件复制到 Sotto 的模型文件夹</translation>
    </message>
    <message>
        <source>Unticked, Sotto uses the file where it is and never deletes it</source>
        <translation>不勾选时，Sotto 会直接使用原位置的文件，且绝不会删除它</translation>
    </message>
    <message>
        <source>{name} (starter)</source>
        <translation>{name}（入门）</translation>
    </message>
    <message>
        <source>{name} (for documents)</source>
        <translation>{name}（用于文档）</translation>
    </message>
    <message>
        <source>Searches your documents; choose it in Settings → Documents.</source>
        <translation>用于搜索你的文档；请在“设置 → 文档”中选择它。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>About</source>
        <translation>简介</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>在这台电脑上</translation>
    </message>
    <message>
        <source>Verify: check the file against the SHA-256 recorded when it was added</source>
        <translation>校验：用添加时记录的 SHA-256 检查文件</translation>
    </message>
    <message>
        <source>Show the file</source>
        <translation>显示文件</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <source>The small model that comes with Sotto: quick, for simple questions.</source>
        <translation>Sotto 自带的小模型：速度快，适合简单问题。</translation>
    </message>
    <message>
        <source>Missing: its file is gone</source>
        <translation>缺失：文件已不存在</translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>Choose a model to see the details of its file.</source>
        <translation>选择一个模型，查看其文件的详细信息。</translation>
    </message>
    <message>
        <source>The starter model comes with Sotto</source>
        <translation>入门模型是 Sotto 自带的</translation>
    </message>
</context>
<context>
    <name>InternalError</name>
    <message>
        <source>Something went wrong inside Sotto. Nothing you wrote is lost; try again, or restart Sotto if it happens again.</source>
        <translation>Sotto 内部出了点问题。你写的内容都没有丢失；请重试，如果问题再次出现，请重启 Sotto。</translation>
    </message>
</context>
<context>
    <name>KeyMissingError</name>
    <message>
        <source>Sotto cannot find the key to your saved conversations. It may have been removed from the system keyring, or this data folder comes from another computer. Sotto will never make a new key over your existing history: put the key back and start Sotto again, or forget everything to start afresh.</source>
        <translation>Sotto 找不到你已保存对话的密钥。它可能已从系统密钥环中移除，或者这个数据文件夹来自另一台电脑。Sotto 绝不会用新密钥覆盖你现有的历史记录：请放回密钥后重新启动 Sotto，或者忘掉一切，从头开始。</translation>
    </message>
</context>
<context>
    <name>Keyring</name>
    <message>
        <source>no secure keyring</source>
        <translation>没有安全的密钥环</translation>
    </message>
</context>
<context>
    <name>KeyringChangedError</name>
    <message>
        <source>The key to your saved conversations is kept in the keyring {recorded}, but Sotto now finds {current}. Sotto will not make a new key over your existing history: start Sotto where that keyring is available (for example in your usual desktop session), or forget everything to start afresh.</source>
        <translation>你已保存对话的密钥存放在系统密钥环 {recorded} 中，但 Sotto 现在找到的是 {current}。Sotto 不会用新密钥覆盖你现有的历史记录：请在能使用该密钥环的环境中启动 Sotto（例如你平时使用的桌面会话），或者忘掉一切，从头开始。</translation>
    </message>
</context>
<context>
    <name>KeyringUnavailableError</name>
    <message>
        <source>The system keyring did not give Sotto the key to your saved conversations. It may be locked: unlock it, or sign in again, and start Sotto again.</source>
        <translation>系统密钥环没有把你已保存对话的密钥交给 Sotto。它可能已锁定：请解锁或重新登录，然后重新启动 Sotto。</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Sotto changes its language when it starts again. Your conversations are kept in your history.</source>
        <translation>Sotto 会在下次启动时切换语言。你的对话都保存在历史记录中，不会丢失。</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>立即重启</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
</context>
<context>
    <name>LibraryWindow</name>
    <message>
        <source>Model library</source>
        <translation>模型库</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>已安装</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>模型目录</translation>
    </message>
    <message>
        <source>Search the hub</source>
        <translation>搜索 Hugging Face</translation>
    </message>
    <message>
        <source>Load {name}?</source>
        <translation>要加载 {name} 吗？</translation>
    </message>
    <message>
        <source>{name} will probably not fit in this computer&apos;s memory. {details} Sotto will try with a shorter memory of the conversation; loading may still fail, or slow the computer down. Load it anyway?</source>
        <translation>{name} 可能放不进这台电脑的内存。{details} Sotto 会尝试缩短对话的记忆长度；加载仍可能失败，或让电脑变慢。仍要加载吗？</translation>
    </message>
    <message>
        <source>Remove {name}</source>
        <translation>移除 {name}</translation>
    </message>
    <message>
        <source>{name} is loaded. Load another model first, then remove it.</source>
        <translation>{name} 正在使用中。请先加载另一个模型，再移除它。</translation>
    </message>
    <message>
        <source>Sotto will forget {name}. Your file stays where it is: {path}</source>
        <translation>Sotto 将不再记录 {name}。你的文件仍保留在原处：{path}</translation>
    </message>
    <message>
        <source>Delete {name} ({size}) from this computer?</source>
        <translation>要从这台电脑上删除 {name}（{size}）吗？</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Checking {name}</source>
        <translation>正在校验 {name}</translation>
    </message>
    <message>
        <source>{done} of {total} checked</source>
        <translation>已校验 {done} / {total}</translation>
    </message>
    <message>
        <source>Intact: the file matches the SHA-256 recorded for it.</source>
        <translation>完好：文件与记录的 SHA-256 一致。</translation>
    </message>
    <message>
        <source>Damaged: the file differs from the SHA-256 recorded for it. Remove it and download or import it again.</source>
        <translation>已损坏：文件与记录的 SHA-256 不一致。请移除它，然后重新下载或导入。</translation>
    </message>
    <message>
        <source>Missing: a file of this model is gone.</source>
        <translation>缺失：此模型的某个文件已不存在。</translation>
    </message>
    <message>
        <source>Not checked: this file was not added through Sotto, so no SHA-256 was recorded for it.</source>
        <translation>未校验：此文件不是通过 Sotto 添加的，因此没有记录它的 SHA-256。</translation>
    </message>
    <message>
        <source>Import a model</source>
        <translation>导入模型</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>GGUF 模型 (*.gguf);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Importing {name}</source>
        <translation>正在导入 {name}</translation>
    </message>
    <message>
        <source>{done} of {total} read</source>
        <translation>已读取 {done} / {total}</translation>
    </message>
    <message>
        <source>Imported {name}. It is ready to load.</source>
        <translation>已导入 {name}，可以加载了。</translation>
    </message>
    <message>
        <source>Asking the hub for the file&apos;s size and checksum…</source>
        <translation>正在向 Hugging Face Hub 查询文件大小和校验和…</translation>
    </message>
    <message>
        <source>Downloaded and verified {name}. It is ready to load.</source>
        <translation>已下载并校验 {name}，可以加载了。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Cancelled. Nothing of it was kept.</source>
        <translation>已取消，已下载的部分没有保留。</translation>
    </message>
    <message>
        <source>Paused at {done} of {total} when Sotto closed.</source>
        <translation>Sotto 关闭时已暂停，进度 {done} / {total}。</translation>
    </message>
    <message>
        <source>Downloading {name}</source>
        <translation>正在下载 {name}</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was kept.</source>
        <translation>已取消，未保留任何内容。</translation>
    </message>
</context>
<context>
    <name>LockUnavailableError</name>
    <message>
        <source>Sotto cannot tell whether another Sotto is using this history: {path} is a folder, where Sotto keeps an empty lock file. Nothing was changed. Remove that folder, then try again.</source>
        <translation>Sotto 无法判断是否有另一个 Sotto 正在使用这份历史记录：{path} 是一个文件夹，而 Sotto 在这里存放的是一个空的锁文件。没有做任何更改。请删除该文件夹，然后重试。</translation>
    </message>
    <message>
        <source>Sotto cannot tell whether another Sotto is using this history: you may not open its lock file {path}, which belongs to {owner}. Nothing was changed. The file is empty: remove it (as {owner}, if it is not yours, for example with sudo), then try again.</source>
        <translation>Sotto 无法判断是否有另一个 Sotto 正在使用这份历史记录：你无权打开它的锁文件 {path}，该文件属于 {owner}。没有做任何更改。这个文件是空的：请删除它（如果它不属于你，请以 {owner} 的身份删除，例如使用 sudo），然后重试。</translation>
    </message>
    <message>
        <source>Sotto cannot tell whether another Sotto is using this history: its lock file {path} cannot be used. Nothing was changed. Remove that file (Sotto makes it again, empty), then try again.</source>
        <translation>Sotto 无法判断是否有另一个 Sotto 正在使用这份历史记录：它的锁文件 {path} 无法使用。没有做任何更改。请删除该文件（Sotto 会重新创建一个空文件），然后重试。</translation>
    </message>
</context>
<context>
    <name>Lockout</name>
    <message>
        <source>Sotto</source>
        <translation>Sotto</translation>
    </message>
    <message>
        <source>Sotto will not make a new key over your history. Quit to restore the keyring, or forget everything to start afresh.</source>
        <translation>Sotto 不会用新密钥覆盖你的历史记录。请退出并恢复系统密钥环，或者忘掉一切，从头开始。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Forget everything…</source>
        <translation>忘掉一切…</translation>
    </message>
    <message>
        <source>Forget everything</source>
        <translation>忘掉一切</translation>
    </message>
    <message>
        <source>Delete every conversation and setting for good? Downloaded models are kept.</source>
        <translation>要永久删除所有对话和设置吗？已下载的模型会保留。</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>MainMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New chat</source>
        <translation>新对话(&amp;N)</translation>
    </message>
    <message>
        <source>New &amp;incognito chat</source>
        <translation>新无痕对话(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Search chats</source>
        <translation>搜索对话(&amp;S)</translation>
    </message>
    <message>
        <source>Model &amp;library…</source>
        <translation>模型库(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Documents…</source>
        <translation>文档(&amp;D)…</translation>
    </message>
    <message>
        <source>Your collections of documents, to ask about</source>
        <translation>你的文档集，可就其提问</translation>
    </message>
    <message>
        <source>&amp;Revise a document…</source>
        <translation>修订文档(&amp;R)…</translation>
    </message>
    <message>
        <source>Revise a Word document and save it with tracked changes</source>
        <translation>修订 Word 文档并以修订标记保存</translation>
    </message>
    <message>
        <source>&amp;Import model file…</source>
        <translation>导入模型文件(&amp;I)…</translation>
    </message>
    <message>
        <source>Model se&amp;rvers…</source>
        <translation>模型服务器(&amp;R)…</translation>
    </message>
    <message>
        <source>Chat with models on your firm&apos;s own server</source>
        <translation>与贵公司自己服务器上的模型对话</translation>
    </message>
    <message>
        <source>&amp;Export conversation…</source>
        <translation>导出对话(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Print conversation…</source>
        <translation>打印对话(&amp;P)…</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>设置(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Chat &amp;settings</source>
        <translation>对话设置(&amp;S)</translation>
    </message>
    <message>
        <source>This chat&apos;s preset, system prompt and sampling</source>
        <translation>此对话的预设、系统提示词和采样</translation>
    </message>
    <message>
        <source>Send with Ctrl+&amp;Enter</source>
        <translation>用 Ctrl+Enter 发送(&amp;E)</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends and Enter starts a new line, instead of the other way</source>
        <translation>改为按 Ctrl+Enter 发送、按 Enter 换行</translation>
    </message>
    <message>
        <source>&amp;Privacy</source>
        <translation>隐私(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Network activity…</source>
        <translation>网络活动(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Offline mode</source>
        <translation>离线模式(&amp;O)</translation>
    </message>
    <message>
        <source>Refuse every connection, even to the model hub</source>
        <translation>拒绝一切连接，连 Hugging Face Hub 也不例外</translation>
    </message>
    <message>
        <source>&amp;Forget everything…</source>
        <translation>忘掉一切(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Sotto &amp;help</source>
        <translation>Sotto 帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Sotto…</source>
        <translation>关于 Sotto(&amp;A)…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Sotto</source>
        <translation>Sotto</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Offline mode is on: Sotto makes no connection</source>
        <translation>离线模式已开启：Sotto 不建立任何连接</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <source>Attach documents…</source>
        <translation>附加文档…</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>Incognito chat</source>
        <translation>无痕对话</translation>
    </message>
    <message>
        <source>Exported to {name}</source>
        <translation>已导出到 {name}</translation>
    </message>
    <message>
        <source>Offline mode: no connection at all</source>
        <translation>离线模式：不建立任何连接</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
</context>
<context>
    <name>MessageActions</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the whole message</source>
        <translation>复制整条消息</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Edit and send again</source>
        <translation>编辑后重新发送</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Write another answer in place of this</source>
        <translation>生成另一个回答来替换这一条</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Write on from where this reply stopped</source>
        <translation>从这条回复停下的地方接着写</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete this message</source>
        <translation>删除这条消息</translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <source>Show earlier messages</source>
        <translation>显示更早的消息</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
</context>
<context>
    <name>MessageWidget</name>
    <message>
        <source>The model no longer sees the messages above this line</source>
        <translation>模型已看不到这条线以上的消息</translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation>上一个版本</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>下一个版本</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>ModelChoice</name>
    <message>
        <source>Loading {name}…</source>
        <translation>正在加载 {name}…</translation>
    </message>
    <message>
        <source>{name} on {host} is ready</source>
        <translation>{host} 上的 {name} 已就绪</translation>
    </message>
    <message>
        <source>No model loaded: choose one above</source>
        <translation>未加载模型：请在上方选择一个</translation>
    </message>
    <message>
        <source>{name} is used once this reply has ended</source>
        <translation>此回复结束后将使用 {name}</translation>
    </message>
    <message>
        <source>{name} is ready</source>
        <translation>{name} 已就绪</translation>
    </message>
</context>
<context>
    <name>ModelLoadError</name>
    <message>
        <source>The model file {path} was not found. It may have been moved or deleted; choose another model.</source>
        <translation>找不到模型文件 {path}。它可能已被移动或删除；请选择其他模型。</translation>
    </message>
    <message>
        <source>{path} is a folder, not a model file. Choose the model file (ending in .gguf) inside it.</source>
        <translation>{path} 是一个文件夹，而不是模型文件。请选择其中的模型文件（以 .gguf 结尾）。</translation>
    </message>
    <message>
        <source>{path} is a link that leads back to itself, so there is no model file behind it. Choose the model file itself, or make the link point to it.</source>
        <translation>{path} 是一个指向自身的链接，背后没有模型文件。请直接选择模型文件，或让链接指向它。</translation>
    </message>
    <message>
        <source>{path} is not an ordinary file (it is a pipe, a socket or a device), so it cannot be a model. Choose the model file itself, ending in .gguf.</source>
        <translation>{path} 不是普通文件（它是管道、套接字或设备），因此不可能是模型。请选择以 .gguf 结尾的模型文件本身。</translation>
    </message>
    <message>
        <source>You may not read {path}, so Sotto cannot load it. Ask its owner to let you read it, or copy it to a folder of yours, then choose it again.</source>
        <translation>你无权读取 {path}，因此 Sotto 无法加载它。请让它的所有者允许你读取，或把它复制到你自己的文件夹，然后重新选择。</translation>
    </message>
    <message>
        <source>{name} is not a GGUF model file, so it cannot be loaded. Choose a model file in the GGUF format.</source>
        <translation>{name} 不是 GGUF 模型文件，无法加载。请选择 GGUF 格式的模型文件。</translation>
    </message>
    <message>
        <source>{name} is incomplete: it holds {actual} of the {expected} it should. Download or copy it again.</source>
        <translation>{name} 不完整：应有 {expected}，实际只有 {actual}。请重新下载或复制。</translation>
    </message>
    <message>
        <source>{name} is damaged and cannot be read. Download or copy it again.</source>
        <translation>{name} 已损坏，无法读取。请重新下载或复制。</translation>
    </message>
    <message>
        <source>{name} needs about {needed} of memory, but only {available} is free. Close other programs or choose a smaller model.</source>
        <translation>{name} 需要约 {needed} 内存，但只有 {available} 可用。请关闭其他程序，或选择更小的模型。</translation>
    </message>
    <message>
        <source>{name} is a model for searching documents, not for chatting. Choose it in Settings → Documents, and choose a chat model here.</source>
        <translation>{name} 是用于搜索文档的模型，不是聊天模型。请在“设置 → 文档”中选择它，并在这里选择一个聊天模型。</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>The model that answers</source>
        <translation>负责回答的模型</translation>
    </message>
    <message>
        <source>{name} (remote, {host})</source>
        <translation>{name}（远程，{host}）</translation>
    </message>
    <message>
        <source>Messages to this model are sent to {host}</source>
        <translation>发给此模型的消息会发送到 {host}</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <source>&amp;Default model:</source>
        <translation>默认模型(&amp;D)：</translation>
    </message>
    <message>
        <source>New chats use it, and Sotto loads it when it starts.</source>
        <translation>新对话使用它，Sotto 启动时也会加载它。</translation>
    </message>
    <message>
        <source>Automatic (one per processor core)</source>
        <translation>自动（每个处理器核心一个）</translation>
    </message>
    <message>
        <source>Processor &amp;threads:</source>
        <translation>处理器线程(&amp;T)：</translation>
    </message>
    <message>
        <source>Automatic (all when they fit)</source>
        <translation>自动（放得下时全部）</translation>
    </message>
    <message>
        <source>&amp;Graphics card layers:</source>
        <translation>显卡层数(&amp;G)：</translation>
    </message>
    <message>
        <source>How many of a model&apos;s layers the graphics card runs; 0 runs the whole model on the processor. It matters only when Sotto was built with graphics card support.</source>
        <translation>由显卡运行的模型层数；0 表示整个模型都在处理器上运行。仅当 Sotto 构建时带有显卡支持才有作用。</translation>
    </message>
    <message>
        <source>Automatic (the longest that fits the memory)</source>
        <translation>自动（内存放得下的最长长度）</translation>
    </message>
    <message>
        <source>{tokens} tokens</source>
        <translation>{tokens} 个词元</translation>
    </message>
    <message>
        <source>&amp;Context length:</source>
        <translation>上下文长度(&amp;C)：</translation>
    </message>
    <message>
        <source>How much of a conversation a model remembers. Longer needs more memory; a model never gets more than it was trained for. These settings apply the next time a model is loaded.</source>
        <translation>模型能记住多少对话内容。越长需要的内存越多；模型不会超过其训练时的长度。这些设置在下次加载模型时生效。</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
</context>
<context>
    <name>NetworkAction</name>
    <message>
        <source>Search the model library</source>
        <translation>搜索模型库</translation>
    </message>
    <message>
        <source>List a model&apos;s files</source>
        <translation>列出模型的文件</translation>
    </message>
    <message>
        <source>Download a model</source>
        <translation>下载模型</translation>
    </message>
    <message>
        <source>Chat with a model on your server</source>
        <translation>与你的服务器上的模型对话</translation>
    </message>
    <message>
        <source>Check a model server</source>
        <translation>检查模型服务器</translation>
    </message>
    <message>
        <source>Answer another app on this computer</source>
        <translation>回答本机上的另一个应用</translation>
    </message>
    <message>
        <source>Embed text for another app on this computer</source>
        <translation>为本机上的另一个应用生成文本向量</translation>
    </message>
    <message>
        <source>List the models for another app on this computer</source>
        <translation>为本机上的另一个应用列出模型</translation>
    </message>
</context>
<context>
    <name>NetworkActivityDialog</name>
    <message>
        <source>Network activity</source>
        <translation>网络活动</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>For</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>an app on this computer</source>
        <translation>本机上的应用</translation>
    </message>
    <message>
        <source>nothing you asked for</source>
        <translation>非你发起的操作</translation>
    </message>
    <message>
        <source>local, with {model}</source>
        <translation>本机，使用 {model}</translation>
    </message>
    <message>
        <source>local</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>allowed</source>
        <translation>已允许</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>allowed, then failed: {why}</source>
        <translation>已允许，随后失败：{why}</translation>
    </message>
    <message>
        <source>allowed, then stopped</source>
        <translation>已允许，随后停止</translation>
    </message>
    <message>
        <source>Attempts to reach beyond this computer this session: {count}. Requests from apps on this computer: {local}.</source>
        <translation>本次会话中试图访问本机以外的次数：{count}。来自本机应用的请求：{local}。</translation>
    </message>
    <message>
        <source>No connections this session. Sotto reaches the network only when you search for or download a model, and then only the model hub, or chat with a model on one of your servers, and then only that server.</source>
        <translation>本次运行中没有任何连接。只有在你搜索或下载模型时（只连接 Hugging Face Hub），或与你的某台服务器上的模型对话时（只连接那台服务器），Sotto 才会访问网络。</translation>
    </message>
    <message>
        <source>Attempts to reach beyond this computer this session: {count}</source>
        <translation>本次运行中尝试连接本机以外网络的次数：{count}</translation>
    </message>
</context>
<context>
    <name>NoHashOnHubError</name>
    <message>
        <source>The model library publishes no checksum for {file}, so Sotto could not check that a download of it is complete and unaltered, and did not download it. Choose another file or repository.</source>
        <translation>模型库没有公布 {file} 的校验和，Sotto 无法确认下载的文件完整且未被篡改，因此没有下载。请选择其他文件或仓库。</translation>
    </message>
</context>
<context>
    <name>NoSuchCollectionError</name>
    <message>
        <source>There is no collection of documents called {name}.</source>
        <translation>没有名为 {name} 的文档集。</translation>
    </message>
</context>
<context>
    <name>NotEnoughDiskError</name>
    <message>
        <source>This model needs {needed} of disk space, but only {free} is free in {folder}. Free up space, then try again.</source>
        <translation>这个模型需要 {needed} 磁盘空间，但 {folder} 中只有 {free} 可用。请释放一些空间后重试。</translation>
    </message>
</context>
<context>
    <name>NotLoopbackError</name>
    <message>
        <source>Sotto&apos;s API listens only on this computer (127.0.0.1 or ::1), never on {host}: other computers could reach it there. Leave --host out, or give 127.0.0.1 or ::1.</source>
        <translation>Sotto 的 API 只在本机（127.0.0.1 或 ::1）上监听，绝不在 {host} 上监听：其他计算机可能从那里访问它。请省略 --host，或指定 127.0.0.1 或 ::1。</translation>
    </message>
</context>
<context>
    <name>OfflineModeError</name>
    <message>
        <source>Offline mode is on, so Sotto did not go online for this: {action}. Turn offline mode off in the Privacy menu, then try again.</source>
        <translation>离线模式已开启，因此 Sotto 没有为此联网：{action}。请在“隐私”菜单中关闭离线模式，然后重试。</translation>
    </message>
</context>
<context>
    <name>Outlook</name>
    <message>
        <source>Runs well</source>
        <translation>运行流畅</translation>
    </message>
    <message>
        <source>Slow here</source>
        <translation>在这里较慢</translation>
    </message>
    <message>
        <source>Tight on memory</source>
        <translation>内存吃紧</translation>
    </message>
    <message>
        <source>Too slow here</source>
        <translation>在这里太慢</translation>
    </message>
    <message>
        <source>Won&apos;t fit</source>
        <translation>放不下</translation>
    </message>
    <message>
        <source>Sotto is measuring this computer&apos;s speed, to estimate how fast it would write.</source>
        <translation>Sotto 正在测量这台电脑的速度，以估计它的生成速度。</translation>
    </message>
</context>
<context>
    <name>PassageDialog</name>
    <message>
        <source>The document has changed since this reply was written. This is the passage as the reply was given it.</source>
        <translation>自这条回复写成后，该文档已有更改。以下是回复当时得到的段落。</translation>
    </message>
    <message>
        <source>The document is no longer in the index of your documents. This is the passage as the reply was given it.</source>
        <translation>该文档已不在你的文档索引中。以下是回复当时得到的段落。</translation>
    </message>
    <message>
        <source>Open the document</source>
        <translation>打开文档</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Sotto — your history is locked</source>
        <translation>Sotto — 你的历史记录已锁定</translation>
    </message>
    <message>
        <source>This computer has no secure keyring (such as GNOME Keyring or KWallet) to keep the key of your chat history, so it will be locked with a passphrase you choose now. You will type it each time Sotto starts.

If you forget it, no one can recover your history: you can only forget everything and start again.</source>
        <translation>这台电脑没有可用来保管聊天历史记录密钥的安全系统密钥环（例如 GNOME Keyring 或 KWallet），因此历史记录将用你现在设定的口令锁定。每次启动 Sotto 时都需要输入它。

如果忘记口令，任何人都无法恢复你的历史记录：你只能忘掉一切，重新开始。</translation>
    </message>
    <message>
        <source>Your chat history is locked. Enter your passphrase to open it.</source>
        <translation>你的聊天历史记录已锁定。请输入口令以打开。</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>The same passphrase again</source>
        <translation>再次输入口令</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Choose at least {count} characters.</source>
        <translation>口令至少需要 {count} 个字符。</translation>
    </message>
    <message>
        <source>The two passphrases differ. Type them again.</source>
        <translation>两次输入的口令不一致，请重新输入。</translation>
    </message>
</context>
<context>
    <name>PassphraseRequiredError</name>
    <message>
        <source>Your history is protected by a passphrase, and Sotto needs it to open or create the history. Enter the passphrase to continue.</source>
        <translation>你的历史记录受口令保护，Sotto 需要口令才能打开或创建历史记录。请输入口令以继续。</translation>
    </message>
</context>
<context>
    <name>PastedChips</name>
    <message>
        <source>Pasted text, {words} words</source>
        <translation>粘贴的文本，{words} 词</translation>
    </message>
    <message>
        <source>Remove the pasted text</source>
        <translation>移除粘贴的文本</translation>
    </message>
</context>
<context>
    <name>PlainHttpError</name>
    <message>
        <source>{host} would be reached over plain http, which anyone on the network between can read. Use its https:// address, or confirm that plain http is what you want.</source>
        <translation>将通过未加密的 http 访问 {host}，途经网络上的任何人都能读取。请使用它的 https:// 地址，或确认你确实要使用未加密的 http。</translation>
    </message>
</context>
<context>
    <name>PortUnavailableError</name>
    <message>
        <source>Sotto&apos;s API cannot listen on port {port}: another program may be using it. Choose another port, then try again.</source>
        <translation>Sotto 的 API 无法在端口 {port} 上监听：可能有其他程序正在使用它。请选择另一个端口后重试。</translation>
    </message>
</context>
<context>
    <name>PrivacyPage</name>
    <message>
        <source>&amp;Offline mode</source>
        <translation>离线模式(&amp;O)</translation>
    </message>
    <message>
        <source>Sotto never sends your conversations anywhere. It goes online only when you search or download models in the library; offline mode refuses even that.</source>
        <translation>Sotto 从不把你的对话发送到任何地方。只有在模型库中搜索或下载模型时才会联网；离线模式连这也会拒绝。</translation>
    </message>
    <message>
        <source>&amp;Network activity…</source>
        <translation>网络活动(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Forget everything…</source>
        <translation>遗忘所有内容(&amp;F)…</translation>
    </message>
    <message>
        <source>Removes every conversation and setting from this computer for good, after asking once. Offline mode alone stays on if it is on, so that Sotto does not go online until you turn it off.</source>
        <translation>询问一次后，从这台电脑上永久删除所有对话和设置。只有离线模式例外：如果它已开启会保持开启，这样在你关闭它之前 Sotto 不会联网。</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>隐私</translation>
    </message>
</context>
<context>
    <name>ReadOnlyFolderError</name>
    <message>
        <source>Sotto may not write to {folder}: the folder or its disk is read-only. Make it writable for your user (for example, mount the disk read-write), then start Sotto again.</source>
        <translation>Sotto 无法写入 {folder}：该文件夹或其所在磁盘是只读的。请让你的用户可以写入它（例如以读写方式挂载磁盘），然后重新启动 Sotto。</translation>
    </message>
</context>
<context>
    <name>Reading</name>
    <message>
        <source>Reading your message… {percent}%</source>
        <translation>正在阅读你的消息… {percent}%</translation>
    </message>
    <message>
        <source>about {seconds} s left</source>
        <translation>约剩 {seconds} 秒</translation>
    </message>
    <message>
        <source>about {minutes} min left</source>
        <translation>约剩 {minutes} 分钟</translation>
    </message>
    <message>
        <source>Reading your message… {percent}%, {time_left}</source>
        <translation>正在阅读你的消息… {percent}%，{time_left}</translation>
    </message>
</context>
<context>
    <name>RemoteOfflineError</name>
    <message>
        <source>Offline mode is on, so nothing was sent to {server}. Turn offline mode off in the Privacy menu, or choose a model on this computer.</source>
        <translation>离线模式已开启，因此没有向 {server} 发送任何内容。请在“隐私”菜单中关闭离线模式，或选择这台电脑上的模型。</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <source>Accept all</source>
        <translation>全部接受</translation>
    </message>
    <message>
        <source>Reject all</source>
        <translation>全部拒绝</translation>
    </message>
    <message>
        <source>Add a comment with the reason to each change</source>
        <translation>为每处修改添加附有理由的批注</translation>
    </message>
    <message>
        <source>Author of the changes</source>
        <translation>修改的作者</translation>
    </message>
    <message>
        <source>Save with tracked changes…</source>
        <translation>以修订标记保存…</translation>
    </message>
    <message>
        <source>Author:</source>
        <translation>作者：</translation>
    </message>
    <message>
        <source>{changed} of {asked} paragraphs changed; {accepted} accepted: {inserted} words inserted, {deleted} deleted.</source>
        <translation>{asked} 段中有 {changed} 段被修改；已接受 {accepted} 处：插入 {inserted} 个词，删除 {deleted} 个词。</translation>
    </message>
    <message>
        <source>Stopped. {line}</source>
        <translation>已停止。{line}</translation>
    </message>
</context>
<context>
    <name>ReviseDialog</name>
    <message>
        <source>Revise a document</source>
        <translation>修订文档</translation>
    </message>
    <message>
        <source>No document chosen</source>
        <translation>未选择文档</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>What to change, for example: tighten clause 7, cap liability at the fees paid, use British spelling</source>
        <translation>要修改什么，例如：精简第 7 条，将责任上限定为已付费用，使用英式拼写</translation>
    </message>
    <message>
        <source>Parts to revise</source>
        <translation>要修订的部分</translation>
    </message>
    <message>
        <source>Revise</source>
        <translation>修订</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Document:</source>
        <translation>文档：</translation>
    </message>
    <message>
        <source>What to change:</source>
        <translation>要修改什么：</translation>
    </message>
    <message>
        <source>Parts to revise:</source>
        <translation>要修订的部分：</translation>
    </message>
    <message>
        <source>Word documents (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <source>{count} paragraphs can be revised.</source>
        <translation>有 {count} 段可以修订。</translation>
    </message>
    <message>
        <source>The whole document</source>
        <translation>整个文档</translation>
    </message>
    <message>
        <source>Starting the model…</source>
        <translation>正在启动模型…</translation>
    </message>
    <message>
        <source>Revising paragraph {number} of {total}: {changed} changed so far</source>
        <translation>正在修订第 {number} / {total} 段：目前已修改 {changed} 段</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>{stem} (revised).docx</source>
        <translation>{stem}（修订版）.docx</translation>
    </message>
    <message>
        <source>Save with tracked changes</source>
        <translation>以修订标记保存</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saved to {name}.</source>
        <translation>已保存到 {name}。</translation>
    </message>
</context>
<context>
    <name>RevisionError</name>
    <message>
        <source>Sotto revises Word documents saved as .docx, and {name} is not one. Open it in Word or LibreOffice, save it as a Word document (.docx) and choose that.</source>
        <translation>Sotto 修订的是保存为 .docx 的 Word 文档，而 {name} 不是。请在 Word 或 LibreOffice 中打开它，另存为 Word 文档（.docx）后再选择。</translation>
    </message>
    <message>
        <source>{name} is protected by a password, so Sotto cannot read it. Open it in Word, save a copy without the password (File, Info, Protect Document) and choose that.</source>
        <translation>{name} 受密码保护，所以 Sotto 无法读取。请在 Word 中打开它，另存一份不带密码的副本（文件、信息、保护文档）后再选择。</translation>
    </message>
    <message>
        <source>{name} has no paragraphs Sotto can revise: it revises the body&apos;s paragraphs, not tables, headers or pictures. Choose other headings, or another document.</source>
        <translation>{name} 中没有 Sotto 可以修订的段落：它修订正文段落，不修订表格、页眉或图片。请选择其他标题或其他文档。</translation>
    </message>
    <message>
        <source>The revised copy cannot replace {name}: Sotto never writes over the original. Choose another name for the copy.</source>
        <translation>修订后的副本不能替换 {name}:Sotto 从不覆盖原件。请为副本另选一个名称。</translation>
    </message>
</context>
<context>
    <name>SelfCheck</name>
    <message>
        <source>The test run in a separate process failed without crashing; the model check below says more.</source>
        <translation>在单独进程中的测试运行失败了，但没有崩溃；下面的模型检查会说明更多。</translation>
    </message>
    <message>
        <source>Not run: the inference library crashed in the check above, and would crash this one too.</source>
        <translation>未运行：推理库在上面的检查中崩溃了，这项检查也会同样崩溃。</translation>
    </message>
    <message>
        <source>The model loaded but wrote nothing.</source>
        <translation>模型已加载，但没有生成任何文字。</translation>
    </message>
    <message>
        <source>The history file can be read without its key: this copy of Sotto does not encrypt. Reinstall it.</source>
        <translation>历史记录文件无需密钥即可读取：这份 Sotto 不会加密。请重新安装。</translation>
    </message>
    <message>
        <source>The history, opened again, did not give back what was written.</source>
        <translation>重新打开历史记录后，读回的内容与写入的不一致。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong.</source>
        <translation>发生了意外错误。</translation>
    </message>
    <message>
        <source>Inference library</source>
        <translation>推理库</translation>
    </message>
    <message>
        <source>Model {model}</source>
        <translation>模型 {model}</translation>
    </message>
    <message>
        <source>Encrypted history</source>
        <translation>加密的历史记录</translation>
    </message>
    <message>
        <source>{check}: FAILED. {reason}</source>
        <translation>{check}：失败。{reason}</translation>
    </message>
    <message>
        <source>Details: {details}</source>
        <translation>详情：{details}</translation>
    </message>
    <message>
        <source>{check}: passed, it runs on this processor.</source>
        <translation>{check}：通过，可以在这台电脑的处理器上运行。</translation>
    </message>
    <message>
        <source>{check}: passed, {tokens} tokens written in {seconds} s.</source>
        <translation>{check}：通过，{seconds} 秒内生成了 {tokens} 个词元。</translation>
    </message>
    <message>
        <source>{check}: passed, written, reopened and read back (SQLCipher {cipher}).</source>
        <translation>{check}：通过，已写入、重新打开并读回（SQLCipher {cipher}）。</translation>
    </message>
</context>
<context>
    <name>ServerAddressError</name>
    <message>
        <source>{url} is not a server address Sotto can use. Write it as the administrator gave it, such as https://llm.example.internal:8000.</source>
        <translation>{url} 不是 Sotto 能使用的服务器地址。请按管理员给出的格式填写，例如 https://llm.example.internal:8000。</translation>
    </message>
</context>
<context>
    <name>ServerKeyRefusedError</name>
    <message>
        <source>{server} refused the API key. Ask your administrator for the right key and add the server again with it.</source>
        <translation>{server} 拒绝了此 API 密钥。请向管理员索取正确的密钥，然后用它重新添加该服务器。</translation>
    </message>
</context>
<context>
    <name>ServerKeysUnavailableError</name>
    <message>
        <source>The system keyring did not give Sotto the API keys of your model servers ({detail}). It may be locked: unlock it, then try again.</source>
        <translation>系统密钥环没有向 Sotto 提供你的模型服务器的 API 密钥（{detail}）。它可能已锁定：请解锁后重试。</translation>
    </message>
</context>
<context>
    <name>ServerNameError</name>
    <message>
        <source>“{name}” cannot name a server: a name must be new, not empty, and without a slash (models are called server/model).</source>
        <translation>“{name}”不能用作服务器名称：名称必须未被使用、不能为空，也不能包含斜杠（模型的名称是“服务器/模型”）。</translation>
    </message>
</context>
<context>
    <name>ServerUnreachableError</name>
    <message>
        <source>Sotto could not reach {server}, or it did not answer as a model server does. Check that you are on your firm&apos;s network and that the server is running, then try again.</source>
        <translation>Sotto 无法连接到 {server}，或者它的回应不像模型服务器。请确认你在公司的网络中、服务器正在运行，然后重试。</translation>
    </message>
</context>
<context>
    <name>ServersDialog</name>
    <message>
        <source>Send messages unencrypted?</source>
        <translation>以未加密方式发送消息？</translation>
    </message>
    <message>
        <source>This address starts with http://, not https://. Your messages, the model&apos;s replies and the API key would cross the network to {host} unencrypted: anyone on the network between could read them. Use it only if your administrator says this network is private.</source>
        <translation>此地址以 http:// 而不是 https:// 开头。你的消息、模型的回复和 API 密钥将以未加密方式经网络发送到 {host}：途经网络上的任何人都能读取。只有在管理员确认此网络是私有网络时才可使用。</translation>
    </message>
    <message>
        <source>Send unencrypted</source>
        <translation>以未加密方式发送</translation>
    </message>
    <message>
        <source>Model servers</source>
        <translation>模型服务器</translation>
    </message>
    <message>
        <source>Chat with models on your firm&apos;s own server (vLLM, or llama.cpp&apos;s server). The messages of a chat with such a model are sent to its server; your history stays on this computer, encrypted. API keys are kept in the system keyring.</source>
        <translation>与贵公司自己服务器上的模型对话（vLLM，或 llama.cpp 的服务器）。使用此类模型的对话，其消息会发送到该服务器；你的对话记录仍加密保存在这台电脑上。API 密钥保存在系统密钥环中。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Ask the server for its models again</source>
        <translation>再次向服务器获取它的模型列表</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>移除…</translation>
    </message>
    <message>
        <source>firm</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>from your administrator</source>
        <translation>由管理员提供</translation>
    </message>
    <message>
        <source>only for your firm&apos;s own certificate authority</source>
        <translation>仅当贵公司有自己的证书颁发机构时需要</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Check and add</source>
        <translation>检查并添加</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API 密钥：</translation>
    </message>
    <message>
        <source>Certificate authority:</source>
        <translation>证书颁发机构：</translation>
    </message>
    <message>
        <source>Add a server</source>
        <translation>添加服务器</translation>
    </message>
    <message>
        <source>Certificate of your certificate authority</source>
        <translation>你的证书颁发机构的证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation>正在检查 {name}…</translation>
    </message>
    <message>
        <source>{name} added: {count} models.</source>
        <translation>已添加 {name}：{count} 个模型。</translation>
    </message>
    <message>
        <source>{name} answers: {count} models.</source>
        <translation>{name} 有响应：{count} 个模型。</translation>
    </message>
    <message>
        <source>Remove server</source>
        <translation>移除服务器</translation>
    </message>
    <message>
        <source>Remove {name} and its API key? Conversations with its models stay in your history.</source>
        <translation>移除 {name} 及其 API 密钥？与其模型的对话仍保留在你的对话记录中。</translation>
    </message>
    <message>
        <source>{name} removed.</source>
        <translation>已移除 {name}。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Sotto could not save this setting; it applies until Sotto quits. {why}</source>
        <translation>Sotto 无法保存此设置；它在 Sotto 退出前有效。{why}</translation>
    </message>
</context>
<context>
    <name>ShortcutsSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>发送消息</translation>
    </message>
    <message>
        <source>Start a new line</source>
        <translation>换行</translation>
    </message>
    <message>
        <source>Stop the reply</source>
        <translation>停止回复</translation>
    </message>
    <message>
        <source>Edit your last question (in an empty message box)</source>
        <translation>编辑你的上一个问题（在空的输入框中）</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Start a chat that is saved, encrypted (Ctrl+N)</source>
        <translation>开始一个加密保存的对话（Ctrl+N）</translation>
    </message>
    <message>
        <source>Incognito</source>
        <translation>无痕</translation>
    </message>
    <message>
        <source>Start a chat that is never written to disk, not even its title</source>
        <translation>开始一个绝不写入磁盘的对话，连标题也不会写入</translation>
    </message>
    <message>
        <source>Search all chats</source>
        <translation>搜索所有对话</translation>
    </message>
    <message>
        <source>No message contains {words}.</source>
        <translation>没有包含“{words}”的消息。</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
    <message>
        <source>Pin to top</source>
        <translation>置顶</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete… (once its reply has ended)</source>
        <translation>删除…（待其回复结束后）</translation>
    </message>
    <message>
        <source>Delete chat</source>
        <translation>删除对话</translation>
    </message>
    <message>
        <source>Delete “{title}” and all its messages? This cannot be undone.</source>
        <translation>要删除“{title}”及其所有消息吗？此操作无法撤销。</translation>
    </message>
</context>
<context>
    <name>SingleInstance</name>
    <message>
        <source>Sotto</source>
        <translation>Sotto</translation>
    </message>
    <message>
        <source>Another Sotto command is using this history right now (for example, forgetting everything from a terminal). Open Sotto again when it has finished.</source>
        <translation>另一个 Sotto 命令正在使用这份历史记录（例如正在终端中遗忘一切）。请在它完成后再打开 Sotto。</translation>
    </message>
</context>
<context>
    <name>SourceLine</name>
    <message>
        <source>{name} · p. {page}</source>
        <translation>{name} · 第 {page} 页</translation>
    </message>
    <message>
        <source>{place} (scanned)</source>
        <translation>{place}（扫描件）</translation>
    </message>
</context>
<context>
    <name>Sources</name>
    <message>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>page {page}</source>
        <translation>第 {page} 页</translation>
    </message>
    <message>
        <source>read from a scan: words may be misread</source>
        <translation>读取自扫描件：文字可能有误识</translation>
    </message>
</context>
<context>
    <name>SourcesView</name>
    <message>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
</context>
<context>
    <name>Speed</name>
    <message>
        <source>fast</source>
        <translation>很快</translation>
    </message>
    <message>
        <source>comfortable</source>
        <translation>舒适</translation>
    </message>
    <message>
        <source>readable</source>
        <translation>跟得上</translation>
    </message>
    <message>
        <source>slow</source>
        <translation>慢</translation>
    </message>
    <message>
        <source>≈ {words} words/s — {pace}</source>
        <translation>≈ 每秒 {words} 词 — {pace}</translation>
    </message>
    <message>
        <source>on the graphics card</source>
        <translation>在显卡上</translation>
    </message>
    <message>
        <source>on the processor</source>
        <translation>在处理器上</translation>
    </message>
    <message>
        <source>Estimated: writes about {writing} tokens a second and reads about {reading} tokens a second {where}, from its size and this computer&apos;s measured speed.</source>
        <translation>估计：{where}每秒约写 {writing} 个词元、每秒约读 {reading} 个词元（根据模型大小和实测的本机速度）。</translation>
    </message>
    <message>
        <source>Measured here: writes {writing} tokens a second.</source>
        <translation>本机实测：每秒写 {writing} 个词元。</translation>
    </message>
    <message>
        <source>Measured here: reads {reading} tokens a second.</source>
        <translation>本机实测：每秒读 {reading} 个词元。</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>正在测量…</translation>
    </message>
    <message>
        <source>Sotto measures this computer&apos;s speed once, with the starter model, to estimate how fast each model would run.</source>
        <translation>Sotto 会用入门模型测量一次这台电脑的速度，用来估计各个模型的运行速度。</translation>
    </message>
    <message>
        <source>{estimate} · measured {words} words/s</source>
        <translation>{estimate} · 实测每秒 {words} 词</translation>
    </message>
</context>
<context>
    <name>StarterModelError</name>
    <message>
        <source>{name} is the starter model that comes with Sotto, so that it always works offline; it cannot be removed.</source>
        <translation>{name} 是 Sotto 自带的入门模型，用来保证离线时也始终可用，因此无法移除。</translation>
    </message>
</context>
<context>
    <name>StorageFullError</name>
    <message>
        <source>The disk that holds {folder} is full, so Sotto could not save there. What was saved before is safe: free up some space on that disk, then try again.</source>
        <translation>存放 {folder} 的磁盘已满，因此 Sotto 无法在那里保存。之前保存的内容是安全的：请在该磁盘上腾出一些空间，然后重试。</translation>
    </message>
</context>
<context>
    <name>StreamCutError</name>
    <message>
        <source>The connection to {server} broke off before the reply was finished. What arrived is kept, marked as cut off; regenerate it to try again.</source>
        <translation>回复完成之前，与 {server} 的连接断开了。已收到的部分会保留并标记为已中断；重新生成即可再试一次。</translation>
    </message>
</context>
<context>
    <name>UnexpectedErrorDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>出了点问题</translation>
    </message>
    <message>
        <source>Something went wrong inside Sotto. Your conversations are safe, and you can go on working; a reply that was being written was stopped. If this happens again, copy the details below into a report to Sotto&apos;s developers.</source>
        <translation>Sotto 内部出了点问题。你的对话是安全的，你可以继续工作；正在生成的回复已停止。如果再次发生，请把下面的详细信息复制到给 Sotto 开发者的报告中。</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
</context>
<context>
    <name>UnknownRemoteModelError</name>
    <message>
        <source>{server} has no model called {model}, or no model service at its address. Check the server&apos;s models in Servers, or choose another model.</source>
        <translation>{server} 上没有名为 {model} 的模型，或者其地址上没有模型服务。请在“模型服务器”中检查该服务器的模型，或选择其他模型。</translation>
    </message>
</context>
<context>
    <name>UnknownServerError</name>
    <message>
        <source>There is no server called {name}. Add it first, or check its name in the list of servers.</source>
        <translation>没有名为 {name} 的服务器。请先添加它，或在服务器列表中核对名称。</translation>
    </message>
</context>
<context>
    <name>UnsupportedBuildError</name>
    <message>
        <source>This build of the inference library does not run on this processor. Reinstall Sotto with its setup command, which builds a portable version.</source>
        <translation>这个版本的推理库无法在此处理器上运行。请用安装命令重新安装 Sotto，它会构建一个通用版本。</translation>
    </message>
</context>
<context>
    <name>VaultDamagedError</name>
    <message>
        <source>The file that holds your saved conversations is damaged: part of it can no longer be read, although the key is right. Sotto has not changed it and will not write to it. Keep a copy of it if you hope to have it repaired, restore it from a backup, or start afresh with a new, empty history.</source>
        <translation>保存你对话的文件已损坏：尽管密钥正确，其中一部分已无法读取。Sotto 没有改动它，也不会再写入它。如果希望修复，请保留一份副本；也可以从备份恢复，或以新的空白历史重新开始。</translation>
    </message>
</context>
<context>
    <name>VaultMissingError</name>
    <message>
        <source>The file that holds your saved conversations, {file}, is empty, although the key to it is still kept: a copy, sync or restore may have stopped before it was done. Sotto will not start a new, empty history in its place: put back a whole copy and start Sotto again, or forget everything to start afresh.</source>
        <translation>保存你对话的文件 {file} 是空的，但它的密钥仍然保留着：可能是复制、同步或恢复在完成前中断了。Sotto 不会用新的空白历史取代它：请放回完整的副本后重新启动 Sotto，或“忘记一切”以重新开始。</translation>
    </message>
    <message>
        <source>The file that holds your saved conversations, {file}, is missing, although the key to it is still kept. It may have been moved, deleted or not yet restored. Sotto will not start a new, empty history in its place: put the file back and start Sotto again, or forget everything to start afresh.</source>
        <translation>保存你对话的文件 {file} 不见了，但它的密钥仍然保留着。它可能已被移动、删除或尚未恢复。Sotto 不会用新的空白历史取代它：请放回该文件后重新启动 Sotto，或“忘记一切”以重新开始。</translation>
    </message>
</context>
<context>
    <name>VaultTooNewError</name>
    <message>
        <source>Your saved conversations were written by a newer version of Sotto (format {found}; this version knows up to {known}). Sotto has not changed them: install the newer version to open them.</source>
        <translation>你保存的对话是由更新版本的 Sotto 写入的（格式 {found}；此版本最高只支持 {known}）。Sotto 没有改动它们：请安装新版本来打开。</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>Welcome to Sotto</source>
        <translation>欢迎使用 Sotto</translation>
    </message>
    <message>
        <source>Private by design: Sotto runs on this computer, and nothing you write is sent anywhere.</source>
        <translation>生来私密：Sotto 在这台电脑上运行，你写的任何内容都不会被发送到任何地方。</translation>
    </message>
    <message>
        <source>Draft a letter</source>
        <translation>起草信件</translation>
    </message>
    <message>
        <source>Draft a polite letter asking a client to sign the engagement letter by Friday.</source>
        <translation>起草一封礼貌的信，请客户在周五前签署委托书。</translation>
    </message>
    <message>
        <source>Explain something</source>
        <translation>解释概念</translation>
    </message>
    <message>
        <source>Explain in plain words the difference between a will and a trust.</source>
        <translation>用浅显的话解释遗嘱和信托的区别。</translation>
    </message>
    <message>
        <source>Make a plan</source>
        <translation>制定计划</translation>
    </message>
    <message>
        <source>Plan a week of simple, healthy dinners for two, with a shopping list.</source>
        <translation>为两个人规划一周简单健康的晚餐，并附上购物清单。</translation>
    </message>
    <message>
        <source>Sum up a text</source>
        <translation>总结文本</translation>
    </message>
    <message>
        <source>Sum up the text below in five short points, in plain words:</source>
        <translation>用浅显的话把下面的文本总结成五个简短要点：</translation>
    </message>
    <message>
        <source>Get a better model…</source>
        <translation>获取更好的模型…</translation>
    </message>
    <message>
        <source>Open the model library at the model that suits this computer best</source>
        <translation>打开模型库，定位到最适合这台电脑的模型</translation>
    </message>
    <message>
        <source>The model that comes with Sotto is small and quick. A larger one writes better answers; Sotto suggests one that suits this computer.</source>
        <translation>Sotto 自带的模型小而快。更大的模型回答得更好；Sotto 会推荐一个适合这台电脑的模型。</translation>
    </message>
</context>
<context>
    <name>WrongKeyError</name>
    <message>
        <source>Sotto found a key for your saved conversations, but it does not open them; the key in the keyring may have been replaced. Sotto has not changed your history: put the original key back and start Sotto again, or forget everything to start afresh.</source>
        <translation>Sotto 找到了你已保存对话的密钥，但无法用它打开这些对话；系统密钥环中的密钥可能已被替换。Sotto 没有改动你的历史记录：请放回原来的密钥后重新启动 Sotto，或者忘掉一切，从头开始。</translation>
    </message>
</context>
<context>
    <name>WrongPassphraseError</name>
    <message>
        <source>That passphrase does not open your history. Check it and try again.</source>
        <translation>这个口令无法打开你的历史记录。请检查后重试。</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>keep all state under DIR instead of your user profile (portable use, tests)</source>
        <translation>将所有状态保存在 DIR 下，而不是你的用户配置目录（用于便携使用、测试）</translation>
    </message>
    <message>
        <source>Private chat with language models that run on this computer. Without a command, opens the window. Where the history is locked with a passphrase, commands ask for it, or read it from SOTTO_PASSPHRASE.</source>
        <translation>与在这台电脑上运行的语言模型私密聊天。不带命令时打开窗口。如果历史记录用口令锁定，命令会询问口令，或从 SOTTO_PASSPHRASE 读取。</translation>
    </message>
    <message>
        <source>check that Sotto works here (the inference library, the starter model or MODEL, the encrypted history), print a line per check and exit: 0 if all passed</source>
        <translation>检查 Sotto 在这里能否正常工作（推理库、入门模型或 MODEL、加密的历史记录），每项检查输出一行后退出：全部通过时返回 0</translation>
    </message>
    <message>
        <source>ask a model one question and print its reply</source>
        <translation>向模型提一个问题并打印回复</translation>
    </message>
    <message>
        <source>the question; - reads it from standard input</source>
        <translation>提问内容；为 - 时从标准输入读取</translation>
    </message>
    <message>
        <source>continue the last conversation, or conversation ID: the model reads its history (and its documents&apos; passages), and this exchange is saved in it</source>
        <translation>继续最近的对话，或编号为 ID 的对话：模型会读取其历史（以及其文档的段落），本次问答也保存在其中</translation>
    </message>
    <message>
        <source>an installed model&apos;s name, a GGUF file&apos;s path, or SERVER/MODEL for a model on one of your servers (default: the starter model)</source>
        <translation>已安装模型的名称、GGUF 文件的路径，或用 SERVER/MODEL 指定你的某台服务器上的模型（默认：入门模型）</translation>
    </message>
    <message>
        <source>a system prompt: how the model should behave</source>
        <translation>系统提示词：模型应当如何表现</translation>
    </message>
    <message>
        <source>the longest reply, in tokens</source>
        <translation>回复的最大长度，以词元计</translation>
    </message>
    <message>
        <source>0 for the same reply every time; higher varies more</source>
        <translation>为 0 时每次回复都相同；值越高变化越大</translation>
    </message>
    <message>
        <source>do not save this exchange in the history</source>
        <translation>不将这次问答保存到历史记录</translation>
    </message>
    <message>
        <source>print saved conversations</source>
        <translation>打印已保存的对话</translation>
    </message>
    <message>
        <source>every conversation</source>
        <translation>列出所有对话</translation>
    </message>
    <message>
        <source>one conversation</source>
        <translation>显示一个对话</translation>
    </message>
    <message>
        <source>its number</source>
        <translation>对话编号</translation>
    </message>
    <message>
        <source>messages holding every word</source>
        <translation>搜索包含全部给定词语的消息</translation>
    </message>
    <message>
        <source>the words</source>
        <translation>要搜索的词语</translation>
    </message>
    <message>
        <source>delete the history&apos;s key, the history, settings and caches, for good</source>
        <translation>永久删除历史记录的密钥、历史记录、设置和缓存</translation>
    </message>
    <message>
        <source>delete downloaded and imported models too</source>
        <translation>同时删除已下载和导入的模型</translation>
    </message>
    <message>
        <source>do not ask for confirmation (for scripts)</source>
        <translation>不询问确认（用于脚本）</translation>
    </message>
    <message>
        <source>details: {details}</source>
        <translation>详情：{details}</translation>
    </message>
    <message>
        <source>Passphrase of your Sotto history: </source>
        <translation>你的 Sotto 历史记录口令： </translation>
    </message>
    <message>
        <source>Give the question to ask, or - to read it from standard input.</source>
        <translation>请给出要问的问题，或用 - 从标准输入读取。</translation>
    </message>
    <message>
        <source>An incognito question cannot continue a conversation: it is never saved.</source>
        <translation>隐身提问不能继续对话：它从不保存。</translation>
    </message>
    <message>
        <source>There is no model called {name}. Installed models: {names}.</source>
        <translation>没有名为 {name} 的模型。已安装的模型：{names}。</translation>
    </message>
    <message>
        <source>The reply above is not saved. {reason}</source>
        <translation>上面的回复未保存。{reason}</translation>
    </message>
    <message>
        <source>{tokens} tokens · {speed:.1f} tokens/s</source>
        <translation>{tokens} 个词元 · {speed:.1f} 词元/秒</translation>
    </message>
    <message>
        <source>There is no conversation to continue yet.</source>
        <translation>还没有可以继续的对话。</translation>
    </message>
    <message>
        <source>Nothing was deleted: Sotto&apos;s window has this history open. Quit Sotto first, or use Privacy → Forget everything in its window.</source>
        <translation>没有删除任何内容：Sotto 的窗口正打开着这份历史记录。请先退出 Sotto，或在其窗口中使用“隐私 → 遗忘一切”。</translation>
    </message>
    <message>
        <source>Nothing was deleted: add --yes to forget everything without a question.</source>
        <translation>未删除任何内容：加上 --yes 可不经询问直接忘掉一切。</translation>
    </message>
    <message>
        <source>Delete every conversation and setting of Sotto for good (offline mode alone stays on if it is on)? Type yes: </source>
        <translation>要永久删除 Sotto 的所有对话和设置吗（只有离线模式例外：如果已开启会保持开启）？输入 yes 确认： </translation>
    </message>
    <message>
        <source>Everything is forgotten.</source>
        <translation>已忘掉一切。</translation>
    </message>
    <message>
        <source>The models you downloaded or imported were kept, with their file names, in {folder}. Add --include-models to delete them too.</source>
        <translation>你下载或导入的模型已连同文件名一起保留在 {folder} 中。加上 --include-models 可将它们一并删除。</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>There is no conversation {id}. `sotto history list` shows them.</source>
        <translation>没有编号为 {id} 的对话。可用 `sotto history list` 查看所有对话。</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>list, add, check and remove models</source>
        <translation>列出、添加、校验和移除模型</translation>
    </message>
    <message>
        <source>every installed model, and whether it fits</source>
        <translation>列出所有已安装的模型，以及是否放得下</translation>
    </message>
    <message>
        <source>add a GGUF model file from this computer</source>
        <translation>从这台电脑添加 GGUF 模型文件</translation>
    </message>
    <message>
        <source>the .gguf file (its first part, if split)</source>
        <translation>.gguf 文件（如果是分卷文件，则为第一部分）</translation>
    </message>
    <message>
        <source>use the file where it is instead of copying it into Sotto&apos;s models folder</source>
        <translation>直接在原位置使用文件，而不复制到 Sotto 的模型文件夹</translation>
    </message>
    <message>
        <source>download a GGUF model from the hub</source>
        <translation>从 Hugging Face Hub 下载 GGUF 模型</translation>
    </message>
    <message>
        <source>the hub repository, such as bartowski/gemma-2-2b-it-GGUF</source>
        <translation>Hugging Face 上的仓库，例如 bartowski/gemma-2-2b-it-GGUF</translation>
    </message>
    <message>
        <source>the .gguf file in it (any part, if split)</source>
        <translation>仓库中的 .gguf 文件（如果是分卷文件，任一部分均可）</translation>
    </message>
    <message>
        <source>delete a downloaded or imported model</source>
        <translation>删除已下载或导入的模型</translation>
    </message>
    <message>
        <source>the model&apos;s name, as `sotto models list` shows it</source>
        <translation>模型名称，与 `sotto models list` 显示的一致</translation>
    </message>
    <message>
        <source>check models against the SHA-256 recorded when they were added</source>
        <translation>根据添加时记录的 SHA-256 校验模型</translation>
    </message>
    <message>
        <source>one model (default: every model)</source>
        <translation>要校验的模型（默认：所有模型）</translation>
    </message>
    <message>
        <source>runs well</source>
        <translation>运行流畅</translation>
    </message>
    <message>
        <source>tight</source>
        <translation>勉强可行</translation>
    </message>
    <message>
        <source>won&apos;t fit</source>
        <translation>放不下</translation>
    </message>
    <message>
        <source>missing: its file is gone</source>
        <translation>缺失：它的文件已不存在</translation>
    </message>
    <message>
        <source>{tokens} tokens</source>
        <translation>{tokens} 个词元</translation>
    </message>
    <message>
        <source>Imported {name}.</source>
        <translation>已导入 {name}。</translation>
    </message>
    <message>
        <source>Downloaded and verified {name}.</source>
        <translation>已下载并校验 {name}。</translation>
    </message>
    <message>
        <source>Nothing was removed: add --yes to remove without a question.</source>
        <translation>未移除任何内容：加上 --yes 可不经询问直接移除。</translation>
    </message>
    <message>
        <source>Remove {name}? Type yes: </source>
        <translation>要移除 {name} 吗？输入 yes 确认： </translation>
    </message>
    <message>
        <source>index your documents and search them</source>
        <translation>索引并搜索你的文档</translation>
    </message>
    <message>
        <source>add files or folders to a collection and index them (again, where changed)</source>
        <translation>向文档集添加文件或文件夹并索引（已更改的会重新索引）</translation>
    </message>
    <message>
        <source>every collection, with its counts and the files it could not read</source>
        <translation>每个文档集，以及其计数和无法读取的文件</translation>
    </message>
    <message>
        <source>only this collection</source>
        <translation>只看这个文档集</translation>
    </message>
    <message>
        <source>every file with its status: read, waiting, unavailable, or failed and why</source>
        <translation>每个文件及其状态：已读取、等待中、无法访问，或失败及原因</translation>
    </message>
    <message>
        <source>remove a collection and its index</source>
        <translation>移除一个文档集及其索引</translation>
    </message>
    <message>
        <source>the passages that best match a query</source>
        <translation>与查询最匹配的段落</translation>
    </message>
    <message>
        <source>how many passages (default 8)</source>
        <translation>段落数量（默认 8）</translation>
    </message>
    <message>
        <source>print the passages as JSON, best first</source>
        <translation>以 JSON 输出段落，最佳的在前</translation>
    </message>
    <message>
        <source>words and meaning (hybrid, the default), words alone (fts), or meaning alone</source>
        <translation>按字词和含义（混合，默认）、仅按字词（fts）或仅按含义</translation>
    </message>
    <message>
        <source>answer from the documents of collection NAME, and list the sources</source>
        <translation>根据文档集 NAME 中的文档回答，并列出来源</translation>
    </message>
    <message>
        <source>the collection (default: Documents)</source>
        <translation>文档集（默认：Documents）</translation>
    </message>
    <message>
        <source>Removed {name}.</source>
        <translation>已移除 {name}。</translation>
    </message>
    <message>
        <source>There is no file or folder {path}.</source>
        <translation>没有文件或文件夹 {path}。</translation>
    </message>
    <message>
        <source>{name}: {indexed} files indexed, {unchanged} unchanged, {failed} failed, {removed} removed.</source>
        <translation>{name}：已索引 {indexed} 个文件，{unchanged} 个未变，{failed} 个失败，{removed} 个已移除。</translation>
    </message>
    <message>
        <source>, scanned page {page} of {pages}</source>
        <translation>，扫描页 {page} / {pages}</translation>
    </message>
    <message>
        <source>Not read yet, so this answer does not draw on them: {files}.</source>
        <translation>尚未读取，因此这个回答没有参考它们：{files}。</translation>
    </message>
    <message>
        <source>{done} of {total} files, {pages} pages, {passages} passages</source>
        <translation>{done} / {total} 个文件，{pages} 页，{passages} 个段落</translation>
    </message>
    <message>
        <source>, about {seconds} s left</source>
        <translation>，约剩 {seconds} 秒</translation>
    </message>
    <message>
        <source>{files} files	{passages} passages</source>
        <translation>{files} 个文件	{passages} 个段落</translation>
    </message>
    <message>
        <source>{failed} unreadable</source>
        <translation>{failed} 个无法读取</translation>
    </message>
    <message>
        <source>{pending} waiting</source>
        <translation>{pending} 个等待中</translation>
    </message>
    <message>
        <source>unavailable</source>
        <translation>无法访问</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>read</source>
        <translation>已读取</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Sources:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <source>intact: matches the recorded SHA-256</source>
        <translation>完好：与记录的 SHA-256 一致</translation>
    </message>
    <message>
        <source>DAMAGED: differs from the recorded SHA-256; remove it and add it again</source>
        <translation>已损坏：与记录的 SHA-256 不符；请移除后重新添加</translation>
    </message>
    <message>
        <source>MISSING: a file of it is gone</source>
        <translation>缺失：它的某个文件已不存在</translation>
    </message>
    <message>
        <source>not checked: it was not added through Sotto, so no SHA-256 was recorded</source>
        <translation>未校验：它不是通过 Sotto 添加的，因此没有记录 SHA-256</translation>
    </message>
    <message>
        <source>add, list and remove your firm&apos;s model servers (vLLM, llama-server)</source>
        <translation>添加、列出和移除贵公司的模型服务器（vLLM、llama-server）</translation>
    </message>
    <message>
        <source>every server, its address and its models</source>
        <translation>所有服务器及其地址和模型</translation>
    </message>
    <message>
        <source>add a server once it answers; its API key is read from SOTTO_SERVER_KEY, or asked for</source>
        <translation>服务器有响应后添加它；API 密钥从 SOTTO_SERVER_KEY 读取，否则会询问</translation>
    </message>
    <message>
        <source>what to call it: its models are NAME/MODEL</source>
        <translation>它的名称：其模型名为 NAME/MODEL</translation>
    </message>
    <message>
        <source>its address, such as https://llm.example.internal:8000</source>
        <translation>它的地址，例如 https://llm.example.internal:8000</translation>
    </message>
    <message>
        <source>the certificate (PEM) of your firm&apos;s own certificate authority</source>
        <translation>贵公司自己的证书颁发机构的证书（PEM）</translation>
    </message>
    <message>
        <source>allow an http:// address beyond this computer: messages, replies and the key then cross the network unencrypted</source>
        <translation>允许使用这台电脑以外的 http:// 地址：消息、回复和密钥将以未加密方式经过网络</translation>
    </message>
    <message>
        <source>ask a server for its models again</source>
        <translation>再次向服务器获取它的模型列表</translation>
    </message>
    <message>
        <source>the server&apos;s name</source>
        <translation>服务器的名称</translation>
    </message>
    <message>
        <source>forget a server and its API key</source>
        <translation>忘记一台服务器及其 API 密钥</translation>
    </message>
    <message>
        <source>{host} is at a plain http:// address: messages, replies and the API key would cross the network unencrypted, readable by anyone on the way. Type yes to allow it: </source>
        <translation>{host} 使用未加密的 http:// 地址：消息、回复和 API 密钥将以未加密方式经过网络，途经的任何人都能读取。输入 yes 以允许：</translation>
    </message>
    <message>
        <source>API key of {name} (Enter for none): </source>
        <translation>{name} 的 API 密钥（没有则直接按 Enter）：</translation>
    </message>
    <message>
        <source>{name} answers with {count} models: {models}</source>
        <translation>{name} 有响应，共 {count} 个模型：{models}</translation>
    </message>
    <message>
        <source>the local API&apos;s token, for other apps</source>
        <translation>本地 API 的令牌，供其他应用使用</translation>
    </message>
    <message>
        <source>print the token apps show the API (made the first time)</source>
        <translation>打印应用向 API 出示的令牌（第一次时生成）</translation>
    </message>
    <message>
        <source>replace it with a new one: apps that show the old one are refused (a window that serves the API reads it when it starts)</source>
        <translation>换成新令牌：出示旧令牌的应用将被拒绝（正在提供 API 的窗口在启动时读取它）</translation>
    </message>
    <message>
        <source>revise a Word document and save a copy with the changes tracked</source>
        <translation>修订 Word 文档，并保存一份带修订标记的副本</translation>
    </message>
    <message>
        <source>the copy to write; the original is not changed</source>
        <translation>要写入的副本；原件不会被修改</translation>
    </message>
    <message>
        <source>what to change, e.g. &quot;cap liability at the fees paid&quot;; - reads it from standard input</source>
        <translation>要修改什么，例如“将责任上限定为已付费用”；- 表示从标准输入读取</translation>
    </message>
    <message>
        <source>an installed model&apos;s name or a GGUF file&apos;s path (default: the starter model)</source>
        <translation>已安装模型的名称或 GGUF 文件的路径（默认：入门模型）</translation>
    </message>
    <message>
        <source>revise only the paragraphs under this heading (may be given more than once)</source>
        <translation>只修订此标题下的段落（可多次给出）</translation>
    </message>
    <message>
        <source>whom the tracked changes are by (default: the name last given in the window, or Sotto)</source>
        <translation>修订标记的作者（默认：上次在窗口中填写的名字，否则为 Sotto）</translation>
    </message>
    <message>
        <source>add a comment with its reason to each change</source>
        <translation>为每处修改添加附有理由的批注</translation>
    </message>
    <message>
        <source>give the model passages of collection NAME to draw on (your standard clauses)</source>
        <translation>让模型参考文档集 NAME 中的段落（你的标准条款）</translation>
    </message>
    <message>
        <source>{count} paragraphs were left as they were: the model&apos;s reply was cut off before its end. The history shows them.</source>
        <translation>有 {count} 段保持原样：模型的回复在结束前被截断。历史记录中可以看到它们。</translation>
    </message>
    <message>
        <source>{paragraphs} of {total} paragraphs changed: {inserted} words inserted, {deleted} deleted. Saved with tracked changes to {path}.</source>
        <translation>{total} 段中有 {paragraphs} 段被修改：插入 {inserted} 个词，删除 {deleted} 个词。已以修订标记保存到 {path}。</translation>
    </message>
    <message>
        <source>Revising paragraph {done} of {total}…</source>
        <translation>正在修订第 {done} / {total} 段…</translation>
    </message>
    <message>
        <source>let other apps on this computer use your models through an OpenAI-compatible API, until Ctrl+C (see docs/local-api.md)</source>
        <translation>让本机上的其他应用通过兼容 OpenAI 的 API 使用你的模型，直到按下 Ctrl+C（见 docs/local-api.md）</translation>
    </message>
    <message>
        <source>the port to listen on (default: the one in Settings, at first {port})</source>
        <translation>要监听的端口（默认：设置中的端口，初始为 {port}）</translation>
    </message>
    <message>
        <source>127.0.0.1 or ::1 (default: both); Sotto never listens where other computers can reach it</source>
        <translation>127.0.0.1 或 ::1（默认：两者）;Sotto 从不在其他计算机能访问的地址上监听</translation>
    </message>
    <message>
        <source>Sotto&apos;s API is listening on {addresses} for apps on this computer. They show the token that `sotto api token` prints. Press Ctrl+C to stop.</source>
        <translation>Sotto 的 API 正在 {addresses} 上为本机应用监听。它们需出示 `sotto api token` 打印的令牌。按 Ctrl+C 停止。</translation>
    </message>
</context>
</TS>
