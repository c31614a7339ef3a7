"""PDF stage: laid-out panels written as the print PDF (imposed, in ink, PDF/X) and the screen PDF, and preflighted."""
