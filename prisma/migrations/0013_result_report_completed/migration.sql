-- 检查报告完成: the real date of a result's inspection report, recorded when the paper report came
-- first and the result was typed in later (顺城 第十七条). Deadlines run from it.
ALTER TYPE "ResultEventKind" ADD VALUE 'REPORT_COMPLETED' BEFORE 'FEEDBACK_SENT';
