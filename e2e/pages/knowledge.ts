import { expect, type Page } from "@playwright/test";

/** The knowledge base page: document list, search, add and delete, as a user sees them. */
export class KnowledgePage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/knowledge");
    await expect(this.page.getByRole("heading", { name: "Knowledge" })).toBeVisible();
  }

  dialog() {
    return this.page.getByRole("dialog", { name: "Add a document" });
  }

  async openAdd() {
    await this.page.getByRole("button", { name: "Add document" }).first().click();
    await expect(this.dialog()).toBeVisible();
  }

  async paste(title: string, content: string) {
    await this.openAdd();
    await this.dialog().getByLabel("Title").fill(title);
    await this.dialog().getByLabel("Content").fill(content);
    await this.dialog().getByRole("button", { name: "Add document" }).click();
    await expect(this.dialog()).toBeHidden();
  }

  async upload(file: { name: string; mimeType: string; buffer: Buffer }) {
    await this.openAdd();
    await this.dialog().getByRole("tab", { name: "Upload" }).click();
    await this.dialog().getByTestId("document-file").setInputFiles(file);
    await expect(this.dialog().getByTestId("chosen-file")).toContainText(file.name);
    await this.dialog().getByRole("button", { name: "Add document" }).click();
    await expect(this.dialog()).toBeHidden();
  }

  async search(query: string) {
    await this.page.getByTestId("knowledge-search").fill(query);
  }

  async clearSearch() {
    await this.page.getByTestId("knowledge-search").fill("");
  }

  result(title: string) {
    return this.page.getByTestId("search-result").filter({ has: this.page.getByRole("button", { name: title, exact: true }) });
  }

  results() {
    return this.page.getByTestId("search-result");
  }

  row(title: string) {
    return this.page.getByTestId("document-row").filter({ has: this.page.getByRole("button", { name: title, exact: true }) });
  }

  sampleBadges() {
    return this.page.getByTestId("document-list").getByTestId("sample-badge");
  }

  async remove(title: string) {
    await this.row(title)
      .getByRole("button", { name: `Delete “${title}”` })
      .click();
    const confirm = this.page.getByRole("alertdialog", { name: "Delete this document?" });
    await expect(confirm).toContainText(title);
    await confirm.getByRole("button", { name: "Delete" }).click();
    await expect(confirm).toBeHidden();
  }

  documentSheet() {
    return this.page.getByTestId("document-sheet");
  }
}
