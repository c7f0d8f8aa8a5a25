// whatsapp-web.js pulls in puppeteer; we drive the system Chromium, so never download one.
module.exports = { skipDownload: true };
